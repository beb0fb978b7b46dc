package io.meridian.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.sandbox.etcd.EtcdRing;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EtcdStoreLargeListIT {

    @RegisterExtension
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("solo");

    @Test
    void unpagedListLargerThanGrpcsDefaultMessageLimitIsRead(EtcdRing ring) {
        // gRPC refuses responses over 4 MiB unless told otherwise; ten thousand small ConfigMaps are more than that.
        byte[] value = new byte[64 * 1024];
        Arrays.fill(value, (byte) 'x');
        try (EtcdStore store = new EtcdStore(
                EtcdStore.connect(ring.endpoints(), Duration.ofSeconds(3)),
                Duration.ofSeconds(10),
                new SimpleMeterRegistry())) {
            for (int i = 0; i < 80; i++) {
                store.create("/large/item-" + i, value);
            }

            ListPage page = store.list("/large/", null, 0, 0);

            assertThat(page.items()).hasSize(80);
            assertThat(page.items().stream().mapToLong(kv -> kv.value().length).sum())
                    .isGreaterThan(4L * 1024 * 1024);
        }
    }
}
