package io.meridian.controller.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.names.TaintKeys;
import io.meridian.controller.config.ControllerProperties;
import io.meridian.controller.config.ControllerRunner;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ready and NotReady from the heartbeat Lease, with the controller's cluster health loop in this
 * process against a real API server; the test renews the heartbeats a syncer would renew.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterHealthIT {

    @RegisterExtension
    @Order(1)
    static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static ApiServerExtension api = ApiServerExtension.on(etcd);

    private static final Duration GRACE = Duration.ofSeconds(6);
    private static final Duration SETTLE = Duration.ofSeconds(4);

    private static KubernetesClient client;
    private final List<ControllerRunner> runners = new ArrayList<>();
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void clusters() {
        client = Federation.client(api.url());
        Federation.joinClusters(client);
    }

    @AfterEach
    void stop() {
        renewer.shutdownNow();
        runners.forEach(ControllerRunner::stop);
        clients.forEach(KubernetesClient::close);
    }

    @Test
    @Order(1)
    void aClusterWhoseHeartbeatStopsIsNotReadyAndTaintedAndReadyAgainOnlyAfterSettling() {
        ControllerRunner runner = leader("health-a");
        // us-east's syncer keeps renewing; eu-west's has stopped.
        renewer.scheduleWithFixedDelay(() -> renew("us-east"), 0, 500, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Cluster euWest = cluster("eu-west");
            assertThat(ready(euWest).status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(ready(euWest).reason()).isEqualTo(ConditionReasons.HEARTBEAT_EXPIRED);
            assertThat(euWest.getSpec().taints()).anyMatch(t -> t.key().equals(TaintKeys.NOT_READY));
        });
        assertThat(ready(cluster("us-east")).status()).isEqualTo(ConditionStatus.TRUE);

        // eu-west's syncer is back: Ready again, but not before the settling period.
        List<ConditionStatus> seen = new CopyOnWriteArrayList<>();
        long back = System.nanoTime();
        renewer.scheduleWithFixedDelay(() -> renew("eu-west"), 0, 500, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    Cluster euWest = cluster("eu-west");
                    seen.add(ready(euWest).status());
                    assertThat(ready(euWest).status()).isEqualTo(ConditionStatus.TRUE);
                    assertThat(euWest.getSpec().taints()).noneMatch(t -> t.key().equals(TaintKeys.NOT_READY));
                });
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isGreaterThanOrEqualTo(SETTLE);
        assertThat(seen).contains(ConditionStatus.FALSE);
        assertThat(runner.isLeader()).isTrue();
    }

    @Test
    @Order(2)
    void aNewLeaderGivesAStaleHeartbeatOneGracePeriodBeforeItJudgesTheCluster() {
        renewer.scheduleWithFixedDelay(() -> renew("ap-south"), 0, 500, TimeUnit.MILLISECONDS);
        ControllerRunner first = leader("health-b");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(ready(cluster("ap-south")).status()).isEqualTo(ConditionStatus.TRUE));
        // The leader dies, and with it the push-mode syncer that renewed ap-south's heartbeat.
        renewer.shutdownNow();
        first.stop();
        runners.remove(first);
        setRenewTime("ap-south", ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10));

        leader("health-c");
        // Judged by its age, the heartbeat would make ap-south NotReady at the new leader's first look.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(4))
                .until(() -> ready(cluster("ap-south")).status() == ConditionStatus.TRUE);
        // No syncer comes back: after the grace period it is NotReady after all.
        await().atMost(GRACE.plusSeconds(15))
                .untilAsserted(() ->
                        assertThat(ready(cluster("ap-south")).reason()).isEqualTo(ConditionReasons.HEARTBEAT_EXPIRED));
    }

    private ControllerRunner leader(String identity) {
        KubernetesClient c = Federation.client(api.url());
        clients.add(c);
        ControllerRunner runner = new ControllerRunner(
                c,
                Federation.properties(identity, new ControllerProperties.ClusterHealth(GRACE, SETTLE)),
                new SimpleMeterRegistry(),
                Clock.systemUTC(),
                () -> {});
        runners.add(runner);
        runner.start();
        await().atMost(Duration.ofSeconds(30)).until(runner::isLeader);
        return runner;
    }

    private static Cluster cluster(String name) {
        return client.resources(Cluster.class).withName(name).get();
    }

    private static Condition ready(Cluster cluster) {
        return Conditions.find(cluster.getStatus().conditions(), ConditionTypes.READY)
                .orElseThrow(() -> new AssertionError(
                        "no Ready condition on " + cluster.getMetadata().getName()));
    }

    private static void renew(String cluster) {
        try {
            setRenewTime(cluster, ZonedDateTime.now(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            // a missed renewal, as a syncer may miss one; the next comes half a second later
        }
    }

    private static void setRenewTime(String cluster, ZonedDateTime time) {
        client.leases()
                .inNamespace(Namespaces.executionNamespace(cluster))
                .withName(ResourceNames.HEARTBEAT_LEASE)
                .edit(l -> {
                    l.getSpec().setRenewTime(time);
                    return l;
                });
    }
}
