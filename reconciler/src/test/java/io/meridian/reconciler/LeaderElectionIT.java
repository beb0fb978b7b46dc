package io.meridian.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderElectionIT {

    @RegisterExtension
    @Order(1)
    static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static ApiServerExtension api = ApiServerExtension.on(etcd);

    private static final LeaderElection.Timings FAST =
            new LeaderElection.Timings(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(250));

    private KubernetesClient client() {
        Config config = new ConfigBuilder()
                .withMasterUrl(api.url())
                .withRequestTimeout(5000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Test
    void exactlyOneReplicaLeadsAndAReleasedLeaseIsTakenAtOnce() {
        AtomicInteger leaders = new AtomicInteger();
        try (KubernetesClient c1 = client();
                KubernetesClient c2 = client()) {
            LeaderElection a = new LeaderElection(
                    c1, "default", "release-test", "a", FAST, leaders::incrementAndGet, leaders::decrementAndGet);
            LeaderElection b = new LeaderElection(
                    c2, "default", "release-test", "b", FAST, leaders::incrementAndGet, leaders::decrementAndGet);
            a.start();
            await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
            b.start();
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> leaders.get() == 1 && !b.isLeader());
            a.close();
            await().atMost(Duration.ofSeconds(5)).until(b::isLeader);
            assertThat(a.isLeader()).isFalse();
            b.close();
        }
    }

    @Test
    void aDeadLeaderIsReplacedOnceItsLeaseExpires() {
        KubernetesClient dying = client();
        try (KubernetesClient other = client()) {
            LeaderElection a = new LeaderElection(dying, "default", "death-test", "a", FAST, () -> {}, () -> {});
            a.start();
            await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
            LeaderElection b = new LeaderElection(other, "default", "death-test", "b", FAST, () -> {}, () -> {});
            b.start();
            // The leader's connection dies without releasing the lease, as a killed process would.
            dying.close();
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).until(b::isLeader);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            b.close();
        }
    }

    @Test
    void aReplicaRestartedUnderItsOldNameWaitsOutTheLeaseItsPredecessorHeld() {
        try (KubernetesClient c = client()) {
            // The Lease as a previous incarnation of "a" left it when it was killed: held and fresh.
            c.resource(new LeaseBuilder()
                            .withNewMetadata()
                            .withName("restart-test")
                            .withNamespace("default")
                            .endMetadata()
                            .withNewSpec()
                            .withHolderIdentity("a")
                            .withLeaseDurationSeconds(8)
                            .withAcquireTime(ZonedDateTime.now(ZoneOffset.UTC))
                            .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
                            .endSpec()
                            .build())
                    .create();
            LeaderElection a = new LeaderElection(c, "default", "restart-test", "a", FAST, () -> {}, () -> {});
            a.start();
            // With the name alone it would lead at once, on a record it never wrote.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> !a.isLeader());
            await().atMost(Duration.ofSeconds(20)).until(a::isLeader);
            assertThat(c.leases()
                            .inNamespace("default")
                            .withName("restart-test")
                            .get()
                            .getSpec()
                            .getHolderIdentity())
                    .isEqualTo(a.holderIdentity())
                    .startsWith("a_");
            a.close();
        }
    }
}
