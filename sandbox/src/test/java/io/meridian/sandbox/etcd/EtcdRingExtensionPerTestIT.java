package io.meridian.sandbox.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In an instance field the extension gives every test a ring of its own. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdRingExtensionPerTestIT {

    private static final List<EtcdRing> seen = new ArrayList<>();

    @RegisterExtension
    final EtcdRingExtension etcd =
            EtcdRingExtension.regions("solo").configure(b -> b.stopTimeout(Duration.ofSeconds(1)));

    @Test
    @Order(1)
    void firstTestGetsARing(EtcdRing ring) {
        assertThat(ring).isSameAs(etcd.ring());
        assertThat(ring.members())
                .singleElement()
                .satisfies(member -> assertThat(member.isLeader()).isTrue());
        seen.add(ring);
    }

    @Test
    @Order(2)
    void secondTestGetsAnotherAndTheFirstIsGone(EtcdRing ring) {
        assertThat(seen).hasSize(1);
        EtcdRing first = seen.get(0);
        assertThat(ring).isNotSameAs(first);
        assertThat(ring.clusterToken()).isNotEqualTo(first.clusterToken());
        assertThat(first.members()).noneMatch(EtcdMember::isRunning);
        Path firstRoot = first.dataRoot();
        assertThat(firstRoot).doesNotExist();
        assertThat(ring.member("solo").isHealthy()).isTrue();
    }
}
