package io.meridian.sandbox.etcd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out loopback TCP ports that were free when asked for and never hands out the same port twice in this JVM.
 *
 * <p>Ports come from below the kernel's ephemeral range rather than from binding port 0: a port from the ephemeral
 * range can be taken as the source port of some outgoing connection while a stopped etcd member is down, and the
 * member could then not listen on it again when it restarts.
 */
public final class FreePorts {

    private static final int LOWEST = 15_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final int ATTEMPTS = 2_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int UPPER_BOUND = ephemeralRangeStart();
    // Not getLoopbackAddress(): with java.net.preferIPv6Addresses that is ::1, and etcd listens on 127.0.0.1.
    private static final InetAddress LOOPBACK = ipv4Loopback();

    private FreePorts() {}

    /** A port on 127.0.0.1 that nothing listened on just now and that this JVM has not handed out before. */
    public static int next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < ATTEMPTS; i++) {
            int candidate = random.nextInt(LOWEST, UPPER_BOUND);
            if (HANDED_OUT.add(candidate)) {
                if (isFree(candidate)) {
                    return candidate;
                }
                // Left in HANDED_OUT: someone else holds it, no point in testing it again.
            }
        }
        throw new IllegalStateException("no free TCP port on 127.0.0.1 between " + LOWEST + " and " + UPPER_BOUND
                + " after " + ATTEMPTS + " attempts");
    }

    /** Marks {@code port} as taken, so that {@link #next()} never returns it: for ports chosen elsewhere. */
    static void reserve(int port) {
        HANDED_OUT.add(port);
    }

    /** Whether a listener could bind to {@code port} on 127.0.0.1 right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As etcd (Go) listens: a port with connections in TIME_WAIT is free for a listener.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address needs no lookup", e);
        }
    }

    private static int ephemeralRangeStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            if (Files.isReadable(range)) {
                int start = Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]);
                if (start > LOWEST + 1_000) {
                    return start;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Fall through to the usual Linux default.
        }
        return DEFAULT_EPHEMERAL_START;
    }
}
