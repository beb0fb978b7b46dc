package io.meridian.it.federation;

import static io.meridian.it.federation.FederationExtension.CONVERGE;
import static io.meridian.it.federation.FederationExtension.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.sandbox.agent.AgentProcess;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.controller.ControllerProcess;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import io.meridian.sandbox.fault.FaultMode;
import io.meridian.sandbox.member.MemberClustersExtension;
import io.meridian.sandbox.member.SimulatedCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The federation when parts of it fail or run elsewhere: a member that stops answering is cut off
 * by its circuit while the others sync at full speed, a member synced by its own pull agent gets
 * its share, and the death of the leading controller process hands over to the other replica
 * without duplicating anything.
 */
class ResilienceE2E {

    @RegisterExtension
    @Order(1)
    static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static ApiServerExtension api = ApiServerExtension.on(etcd);

    @RegisterExtension
    @Order(3)
    static MemberClustersExtension members = MemberClustersExtension.regions("us-east", "eu-west", "ap-south")
            .on(etcd)
            .configure(b -> b.readinessDelay(Duration.ofMillis(200)));

    @RegisterExtension
    @Order(4)
    static FederationExtension federation = FederationExtension.on(api, members);

    private static final List<String> HEALTHY = List.of("us-east", "eu-west");
    private static final int SAMPLES = 3;

    @Test
    void anUnreachableMemberIsCutOffByItsCircuitWithoutSlowingTheOthers(TestReporter report) {
        String ns = "outage";
        federation.propagate(ns, "web", 6, Manifests.weights("us-east", 1, "eu-west", 1, "ap-south", 1));
        await().atMost(CONVERGE).untilAsserted(() -> {
            for (String cluster : List.of("us-east", "eu-west", "ap-south")) {
                assertThat(federation.memberEnv(cluster, ns, "web", "GREETING"))
                        .as(cluster)
                        .isEqualTo("hello");
            }
        });

        List<Duration> healthy = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            healthy.add(timeToReachHealthyMembers(ns, "healthy-" + i));
        }

        // ap-south accepts connections and never answers: the worst kind of failure for a client.
        members.cluster("ap-south").fail(FaultMode.PARTITION);
        List<Duration> partitioned = new ArrayList<>();
        // The first change goes out while ap-south's calls hang and its circuit is still closed.
        partitioned.add(timeToReachHealthyMembers(ns, "partitioned-0"));
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(circuitState("ap-south", "open"))
                    .as("ap-south's circuit is open")
                    .isEqualTo(1.0);
            assertThat(circuitState("us-east", "closed")).isEqualTo(1.0);
            assertThat(circuitState("eu-west", "closed")).isEqualTo(1.0);
            Cluster apSouth = federation
                    .client()
                    .resources(Cluster.class)
                    .withName("ap-south")
                    .get();
            Condition reachable = condition(apSouth.getStatus().conditions(), ConditionTypes.REACHABLE);
            assertThat(reachable.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(reachable.reason()).isEqualTo(ConditionReasons.CLUSTER_UNREACHABLE);
            Condition applied = condition(
                    federation
                            .work("ap-south", "Deployment", ns, "web")
                            .getStatus()
                            .conditions(),
                    ConditionTypes.APPLIED);
            assertThat(applied.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(applied.message()).contains("ap-south is unavailable");
        });
        for (int i = 1; i < SAMPLES; i++) {
            partitioned.add(timeToReachHealthyMembers(ns, "partitioned-" + i));
        }

        Duration worstHealthy = Collections.max(healthy);
        Duration limit = max(worstHealthy.multipliedBy(3), worstHealthy.plusSeconds(2));
        String figures = "all healthy " + millis(healthy) + "; ap-south partitioned " + millis(partitioned) + " (limit "
                + limit.toMillis() + " ms)";
        // In the test's output and in its report entry, for whoever compares runs.
        System.out.println("Propagation of a change to us-east and eu-west: " + figures);
        report.publishEntry("propagation-to-us-east-and-eu-west", figures);
        assertThat(Collections.max(partitioned))
                .as(
                        "slowest propagation to the healthy members while ap-south is partitioned (healthy: %s,"
                                + " partitioned: %s)",
                        millis(healthy), millis(partitioned))
                .isLessThanOrEqualTo(limit);

        members.cluster("ap-south").heal();
        String last = "partitioned-" + (SAMPLES - 1);
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(federation.memberEnv("ap-south", ns, "web", "GREETING")).isEqualTo(last);
            assertThat(circuitState("ap-south", "closed")).isEqualTo(1.0);
            assertThat(federation.isReady("ap-south")).isTrue();
            assertThat(Conditions.isTrue(
                            federation
                                    .binding("Deployment", ns, "web")
                                    .getStatus()
                                    .conditions(),
                            ConditionTypes.FULLY_APPLIED))
                    .isTrue();
            assertThat(federation.deployment(ns, "web").getStatus().getReadyReplicas())
                    .isEqualTo(6);
        });
    }

    @Test
    void aClusterSyncedByItsPullAgentReceivesItsShare() {
        Path logs = Path.of("target", "member-logs", ResilienceE2E.class.getSimpleName(), "pull")
                .toAbsolutePath();
        try (SimulatedCluster usWest = SimulatedCluster.builder()
                .name("us-west")
                .region("us-west")
                .etcdEndpoints(etcd.endpoints())
                .readinessDelay(Duration.ofMillis(200))
                .logDir(logs)
                .start()) {
            federation.join(usWest, SyncMode.PULL);
            try (AgentProcess agent = AgentProcess.builder()
                    .cluster("us-west")
                    .federationApi(api.url())
                    .memberKubeconfig(federation.kubeconfigFile(usWest))
                    .logFile(logs.resolve("agent.log"))
                    .property("meridian.sync.heartbeat.interval", "2s")
                    .startTimeout(Duration.ofMinutes(3))
                    .start()) {
                federation.awaitClustersReady(List.of("us-west"));

                String ns = "pull";
                federation.propagate(
                        ns, "web", 8, Manifests.weights("us-east", 1, "eu-west", 1, "ap-south", 1, "us-west", 1));
                await().atMost(CONVERGE).untilAsserted(() -> {
                    Deployment copy = usWest.client()
                            .apps()
                            .deployments()
                            .inNamespace(ns)
                            .withName("web")
                            .get();
                    assertThat(copy).as("us-west's copy").isNotNull();
                    assertThat(copy.getSpec().getReplicas()).isEqualTo(2);
                    assertThat(federation.memberReplicas(ns, "web"))
                            .isEqualTo(Map.of("us-east", 2, "eu-west", 2, "ap-south", 2));
                    assertThat(federation.deployment(ns, "web").getStatus().getReadyReplicas())
                            .isEqualTo(8);
                });
                // The agent applied it, not a push-mode syncer in the controller.
                assertThat(PrometheusScrape.of(agent.url())
                                .value("meridian_sync_applies_total", Map.of("cluster", "us-west"))
                                .orElse(0))
                        .isPositive();
                assertThat(federation
                                .leaderMetrics()
                                .value("meridian_sync_applies_total", Map.of("cluster", "us-west")))
                        .isEmpty();

                // Leave nothing behind on a cluster that is about to go.
                federation
                        .client()
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("web")
                        .delete();
                await().atMost(CONVERGE).untilAsserted(() -> {
                    assertThat(federation.deployment(ns, "web")).isNull();
                    assertThat(usWest.client()
                                    .apps()
                                    .deployments()
                                    .inNamespace(ns)
                                    .withName("web")
                                    .get())
                            .isNull();
                });
            } finally {
                federation.client().resources(Cluster.class).withName("us-west").delete();
            }
        }
    }

    @Test
    void killingTheLeadingControllerHandsOverWithoutDuplicatingWork() {
        String ns = "handover";
        federation.propagate(ns, "web", 8, Manifests.weights("us-east", 2, "eu-west", 1, "ap-south", 1));
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberReplicas(ns, "web"))
                        .isEqualTo(Map.of("us-east", 4, "eu-west", 2, "ap-south", 2)));
        Map<String, String> works = workUids(ns);
        assertThat(works).hasSize(3);
        String bindingUid =
                federation.binding("Deployment", ns, "web").getMetadata().getUid();
        int transitions = lease().getSpec().getLeaseTransitions();

        ControllerProcess leader = federation.leader();
        ControllerProcess other = federation.controllers().stream()
                .filter(c -> c != leader)
                .findFirst()
                .orElseThrow();
        leader.kill();
        assertThat(leader.isRunning()).isFalse();
        // The workload changes while nobody leads.
        federation.client().apps().deployments().inNamespace(ns).withName("web").scale(12);

        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.leaseHolder()).contains(other.identity()));
        assertThat(lease().getSpec().getLeaseTransitions()).isGreaterThan(transitions);
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(federation.memberReplicas(ns, "web"))
                    .isEqualTo(Map.of("us-east", 6, "eu-west", 3, "ap-south", 3));
            assertThat(federation.deployment(ns, "web").getStatus().getReadyReplicas())
                    .isEqualTo(12);
        });

        // The same Works and binding, updated in place: none deleted and made again, none twice.
        assertThat(workUids(ns)).isEqualTo(works);
        assertThat(federation.worksOf("Deployment", ns, "web")).hasSize(3);
        assertThat(federation
                        .client()
                        .resources(ResourceBinding.class)
                        .inNamespace(ns)
                        .list()
                        .getItems())
                .extracting(b -> b.getMetadata().getUid())
                .containsExactly(bindingUid);
    }

    // --- helpers ---------------------------------------------------------------------------

    /**
     * Changes the template's GREETING to {@code value} and measures how long until us-east and
     * eu-west both run it, read from the members themselves.
     */
    private static Duration timeToReachHealthyMembers(String namespace, String value) {
        long start = System.nanoTime();
        federation.apply(Manifests.deployment(namespace, "web", 6).replace("value: hello", "value: " + value));
        await().atMost(CONVERGE)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(25))
                .until(() -> HEALTHY.stream()
                        .allMatch(c -> value.equals(federation.memberEnv(c, namespace, "web", "GREETING"))));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** 1 when the leader's circuit of {@code cluster} is in {@code state}, as its metrics report. */
    private static double circuitState(String cluster, String state) {
        return federation
                .leaderMetrics()
                .value("resilience4j_circuitbreaker_state", Map.of("name", "member-" + cluster, "state", state))
                .orElse(-1);
    }

    private static Lease lease() {
        return federation
                .client()
                .leases()
                .inNamespace(Namespaces.SYSTEM)
                .withName(ResourceNames.CONTROLLER_LEASE)
                .get();
    }

    private static Map<String, String> workUids(String namespace) {
        return federation.worksOf("Deployment", namespace, "web").stream()
                .collect(Collectors.toMap(
                        w -> w.getMetadata().getNamespace(),
                        w -> w.getMetadata().getUid()));
    }

    private static String millis(List<Duration> durations) {
        return durations.stream().map(d -> d.toMillis() + " ms").collect(Collectors.joining(", ", "[", "]"));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
