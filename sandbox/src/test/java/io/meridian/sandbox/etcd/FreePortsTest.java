package io.meridian.sandbox.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void neverHandsOutTheSamePortTwice() {
        List<Integer> ports =
                IntStream.range(0, 500).map(i -> FreePorts.next()).boxed().toList();

        assertThat(ports).doesNotHaveDuplicates();
    }

    @Test
    void handsOutPortsThatCanBeListenedOnBelowTheEphemeralRange() throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                int port = FreePorts.next();
                assertThat(port).isBetween(15_000, 32_767);
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(FreePorts.ipv4Loopback(), port));
                sockets.add(socket);
            }
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aPortInUseIsNotFreeAndAReservedOneIsNotHandedOut() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, FreePorts.ipv4Loopback())) {
            assertThat(FreePorts.isFree(taken.getLocalPort())).isFalse();
        }
        int reserved = FreePorts.next();
        FreePorts.reserve(reserved);

        assertThat(IntStream.range(0, 200).map(i -> FreePorts.next())).doesNotContain(reserved);
    }
}
