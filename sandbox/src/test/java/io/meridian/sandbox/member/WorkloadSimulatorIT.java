package io.meridian.sandbox.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator against a real member-mode API server: what a member's controllers and kubelets would do. */
class WorkloadSimulatorIT {

    private static final Duration DELAY = Duration.ofMillis(800);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    @RegisterExtension
    @Order(1)
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("sim");

    @RegisterExtension
    @Order(2)
    static final ApiServerExtension api =
            ApiServerExtension.on(etcd).configure(b -> b.mode("member").prefix("/members/sim/registry"));

    private static KubernetesClient client;
    private static WorkloadSimulator simulator;
    private String ns;

    @BeforeAll
    static void startSimulator() {
        client = SimulatedCluster.newClient(api.url());
        simulator = WorkloadSimulator.builder()
                .clusterName("sim")
                .region("eu-west")
                .zone("eu-west-b")
                .nodes(3)
                .nodeShape(new NodeShape("4", "16Gi", 50))
                .readinessDelay(DELAY)
                .loadBalancerCidr("198.51.100.0/28")
                .start(client);
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void namespace() {
        ns = "t" + NAMESPACES.incrementAndGet();
        Namespace namespace = new NamespaceBuilder()
                .withNewMetadata()
                .withName(ns)
                .endMetadata()
                .build();
        client.namespaces().resource(namespace).create();
    }

    @AfterEach
    void resetNodes() {
        simulator.resetNodes();
    }

    @Test
    void nodesAreRegisteredWithCapacityTopologyAndAFreshReadyHeartbeat() {
        List<Node> nodes = client.nodes().list().getItems();
        assertThat(nodes)
                .extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrder("sim-node-1", "sim-node-2", "sim-node-3");
        for (Node n : nodes) {
            assertThat(n.getMetadata().getLabels())
                    .containsEntry("topology.kubernetes.io/region", "eu-west")
                    .containsEntry("topology.kubernetes.io/zone", "eu-west-b")
                    .containsEntry("kubernetes.io/hostname", n.getMetadata().getName());
            assertThat(n.getStatus().getAllocatable())
                    .containsEntry("cpu", new Quantity("4"))
                    .containsEntry("memory", new Quantity("16Gi"))
                    .containsEntry("pods", new Quantity("50"));
            assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.");
            assertThat(n.getStatus().getConditions())
                    .filteredOn(c -> c.getType().equals("Ready"))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.getStatus()).isEqualTo("True");
                        assertThat(Instant.parse(c.getLastHeartbeatTime()))
                                .isAfter(Instant.now().minusSeconds(30));
                    });
        }
        assertThat(simulator.allocatable()).isEqualTo(new Capacity(12_000, 3 * 16L * 1024 * 1024 * 1024, 150));
    }

    @Test
    void aDeploymentBecomesReadyAfterTheDelayAndFollowsScaling() {
        List<Deployment> history = new CopyOnWriteArrayList<>();
        try (Watch watch = record("web", history)) {
            Instant created = Instant.now();
            client.apps()
                    .deployments()
                    .inNamespace(ns)
                    .resource(deployment("web", 3, "nginx:1.27"))
                    .create();

            Deployment ready = awaitDeployment("web", d -> count(d.getStatus().getReadyReplicas()) == 3);
            assertThat(Duration.between(created, Instant.now())).isGreaterThanOrEqualTo(DELAY);
            assertThat(ready.getStatus().getObservedGeneration())
                    .isEqualTo(ready.getMetadata().getGeneration());
            assertThat(ready.getStatus().getReplicas()).isEqualTo(3);
            assertThat(ready.getStatus().getAvailableReplicas()).isEqualTo(3);
            assertThat(ready.getStatus().getUpdatedReplicas()).isEqualTo(3);
            assertThat(condition(ready, "Available").getStatus()).isEqualTo("True");
            assertThat(condition(ready, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");

            client.apps().deployments().inNamespace(ns).withName("web").scale(5);
            Deployment scaled = awaitDeployment("web", d -> count(d.getStatus().getReadyReplicas()) == 5);
            assertThat(scaled.getStatus().getAvailableReplicas()).isEqualTo(5);
            long generation = scaled.getMetadata().getGeneration();
            // On the way, the three running pods stayed ready while two new ones started.
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(history).anySatisfy(d -> {
                        assertThat(d.getStatus().getObservedGeneration()).isEqualTo(generation);
                        assertThat(d.getStatus().getReadyReplicas()).isEqualTo(3);
                        assertThat(d.getStatus().getReplicas()).isEqualTo(5);
                        assertThat(condition(d, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
                    }));

            client.apps().deployments().inNamespace(ns).withName("web").scale(2);
            awaitDeployment(
                    "web",
                    d -> count(d.getStatus().getReadyReplicas()) == 2
                            && d.getStatus().getObservedGeneration()
                                    == d.getMetadata().getGeneration().longValue());
        }
    }

    @Test
    void anImageChangeRollsOutAfterTheDelayWhileTheOldPodsServe() {
        List<Deployment> history = new CopyOnWriteArrayList<>();
        try (Watch watch = record("api", history)) {
            client.apps()
                    .deployments()
                    .inNamespace(ns)
                    .resource(deployment("api", 2, "api:1"))
                    .create();
            awaitDeployment("api", d -> count(d.getStatus().getReadyReplicas()) == 2);

            Deployment edited = client.apps()
                    .deployments()
                    .inNamespace(ns)
                    .withName("api")
                    .edit(d -> {
                        d.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .getFirst()
                                .setImage("api:2");
                        return d;
                    });
            long generation = edited.getMetadata().getGeneration();
            Deployment done = awaitDeployment(
                    "api",
                    d -> d.getStatus().getObservedGeneration() == generation
                            && condition(d, "Progressing").getReason().equals("NewReplicaSetAvailable"));
            assertThat(done.getStatus().getReadyReplicas()).isEqualTo(2);
            assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(history).anySatisfy(d -> {
                        assertThat(d.getStatus().getObservedGeneration()).isEqualTo(generation);
                        assertThat(d.getStatus().getUpdatedReplicas()).isNull();
                        assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
                        assertThat(condition(d, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
                    }));
        }
    }

    /** Every version of the Deployment {@code name} with a status, as a watch sees them. */
    private Watch record(String name, List<Deployment> history) {
        return client.apps().deployments().inNamespace(ns).withName(name).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                if (d.getStatus() != null && d.getStatus().getConditions() != null) {
                    history.add(d);
                }
            }

            @Override
            public void onClose(WatcherException cause) {}
        });
    }

    @Test
    void aCrashLoopingImageNeverBecomesReady() {
        client.apps()
                .deployments()
                .inNamespace(ns)
                .resource(deployment("bad", 2, "example/crashloop:1"))
                .create();

        Deployment stalled = awaitDeployment(
                "bad",
                d -> "ProgressDeadlineExceeded"
                        .equals(condition(d, "Progressing").getReason()));
        assertThat(stalled.getStatus().getReadyReplicas()).isNull();
        assertThat(condition(stalled, "Available").getStatus()).isEqualTo("False");
        await().during(DELAY.multipliedBy(2))
                .atMost(DELAY.multipliedBy(4))
                .untilAsserted(() -> assertThat(client.apps()
                                .deployments()
                                .inNamespace(ns)
                                .withName("bad")
                                .get()
                                .getStatus()
                                .getReadyReplicas())
                        .isNull());
    }

    @Test
    void statusIsWrittenOnlyWhenItChanges() {
        client.apps()
                .deployments()
                .inNamespace(ns)
                .resource(deployment("calm", 1, "calm:1"))
                .create();
        Deployment ready = awaitDeployment("calm", d -> count(d.getStatus().getReadyReplicas()) == 1);
        String version = ready.getMetadata().getResourceVersion();

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(client.apps()
                                .deployments()
                                .inNamespace(ns)
                                .withName("calm")
                                .get()
                                .getMetadata()
                                .getResourceVersion())
                        .isEqualTo(version));
    }

    @Test
    void aStatefulSetBecomesReadyWithMatchingRevisions() {
        StatefulSet set = new StatefulSetBuilder()
                .withNewMetadata()
                .withName("db")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withServiceName("db")
                .withNewSelector()
                .withMatchLabels(Map.of("app", "db"))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", "db"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("db")
                .withImage("postgres:17")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.apps().statefulSets().inNamespace(ns).resource(set).create();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            StatefulSet s =
                    client.apps().statefulSets().inNamespace(ns).withName("db").get();
            assertThat(s.getStatus()).isNotNull();
            assertThat(s.getStatus().getReadyReplicas()).isEqualTo(2);
            assertThat(s.getStatus().getCurrentReplicas()).isEqualTo(2);
            assertThat(s.getStatus().getUpdatedReplicas()).isEqualTo(2);
            assertThat(s.getStatus().getCurrentRevision())
                    .startsWith("db-")
                    .isEqualTo(s.getStatus().getUpdateRevision());
        });
    }

    @Test
    void aDaemonSetRunsOnEveryReadyNode() {
        DaemonSet ds = new DaemonSetBuilder()
                .withNewMetadata()
                .withName("agent")
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(Map.of("app", "agent"))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", "agent"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("agent")
                .withImage("agent:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.apps().daemonSets().inNamespace(ns).resource(ds).create();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            DaemonSet d =
                    client.apps().daemonSets().inNamespace(ns).withName("agent").get();
            assertThat(d.getStatus()).isNotNull();
            assertThat(d.getStatus().getDesiredNumberScheduled()).isEqualTo(3);
            assertThat(d.getStatus().getCurrentNumberScheduled()).isEqualTo(3);
            assertThat(d.getStatus().getNumberReady()).isEqualTo(3);
            assertThat(d.getStatus().getNumberAvailable()).isEqualTo(3);
        });

        simulator.setNodeReady("sim-node-2", false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            DaemonSet d =
                    client.apps().daemonSets().inNamespace(ns).withName("agent").get();
            assertThat(d.getStatus().getDesiredNumberScheduled()).isEqualTo(3);
            assertThat(d.getStatus().getNumberReady()).isEqualTo(2);
            assertThat(d.getStatus().getNumberUnavailable()).isEqualTo(1);
        });
        assertThat(simulator.allocatable().pods()).isEqualTo(100);
    }

    @Test
    void aLoadBalancerServiceGetsAnAddressFromTheClustersRange() {
        client.services()
                .inNamespace(ns)
                .resource(service("lb", "LoadBalancer"))
                .create();
        client.services()
                .inNamespace(ns)
                .resource(service("lb2", "LoadBalancer"))
                .create();
        client.services()
                .inNamespace(ns)
                .resource(service("internal", "ClusterIP"))
                .create();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ingressIps("lb")).singleElement().asString().matches("198\\.51\\.100\\.([1-9]|1[0-4])");
            assertThat(ingressIps("lb2")).singleElement().asString().matches("198\\.51\\.100\\.([1-9]|1[0-4])");
        });
        assertThat(ingressIps("lb")).doesNotContainAnyElementsOf(ingressIps("lb2"));
        assertThat(ingressIps("internal")).isEmpty();

        client.services().inNamespace(ns).withName("lb").edit(s -> {
            s.getSpec().setType("ClusterIP");
            s.getSpec().getPorts().forEach(p -> p.setNodePort(null));
            return s;
        });
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(ingressIps("lb")).isEmpty());
    }

    private List<String> ingressIps(String service) {
        Service s = client.services().inNamespace(ns).withName(service).get();
        if (s.getStatus() == null
                || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        return s.getStatus().getLoadBalancer().getIngress().stream()
                .map(i -> i.getIp())
                .toList();
    }

    @Test
    void aJobStartsThenCompletes() {
        Job job = new JobBuilder()
                .withNewMetadata()
                .withName("migrate")
                .endMetadata()
                .withNewSpec()
                .withCompletions(2)
                .withNewTemplate()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("migrate")
                .withImage("migrate:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.batch().v1().jobs().inNamespace(ns).resource(job).create();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Job j = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(ns)
                    .withName("migrate")
                    .get();
            assertThat(j.getStatus()).as("the Job's status").isNotNull();
            assertThat(j.getStatus().getSucceeded()).isEqualTo(2);
            assertThat(j.getStatus().getActive()).isNull();
            assertThat(j.getStatus().getConditions())
                    .extracting(JobCondition::getType)
                    .contains("Complete");
            assertThat(Instant.parse(j.getStatus().getCompletionTime()))
                    .isAfterOrEqualTo(
                            Instant.parse(j.getStatus().getStartTime()).plus(Duration.ofSeconds(0)));
        });
    }

    @Test
    void requestedCapacityFollowsReadyPods() {
        Capacity before = simulator.requested();
        Deployment d = deployment("sized", 2, "sized:1");
        d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("250m"))
                        .addToRequests("memory", new Quantity("512Mi"))
                        .build());
        client.apps().deployments().inNamespace(ns).resource(d).create();
        awaitDeployment("sized", x -> count(x.getStatus().getReadyReplicas()) == 2);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(simulator.requested().minus(before))
                        .isEqualTo(new Capacity(500, 1024L * 1024 * 1024, 2)));
        assertThat(simulator.available().milliCpu())
                .isEqualTo(simulator.allocatable().milliCpu()
                        - simulator.requested().milliCpu());
    }

    private Deployment awaitDeployment(String name, java.util.function.Predicate<Deployment> condition) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> client.apps()
                                .deployments()
                                .inNamespace(ns)
                                .withName(name)
                                .get(),
                        d -> d != null && d.getStatus() != null && condition.test(d));
    }

    private static DeploymentCondition condition(Deployment d, String type) {
        return d.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    static Deployment deployment(String name, int replicas, String image) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(Map.of("app", name))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", name))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static Service service(String name, String type) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withType(type)
                .withSelector(Map.of("app", name))
                .addNewPort()
                .withPort(80)
                .withNewTargetPort(8080)
                .endPort()
                .endSpec()
                .build();
    }
}
