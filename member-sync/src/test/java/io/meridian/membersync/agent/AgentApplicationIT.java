package io.meridian.membersync.agent;

import static io.meridian.membersync.sync.Manifests.configMap;
import static io.meridian.membersync.sync.Manifests.work;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.work.Work;
import io.meridian.membersync.sync.FederationSandbox;
import io.meridian.sandbox.fault.FaultMode;
import io.meridian.sandbox.member.SimulatedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** Pull mode: the agent syncs exactly one cluster, dialling out to the federation API. */
class AgentApplicationIT {

    /** The runnable agent, as the build packages it (relative to the module). */
    static final Path AGENT_JAR = Path.of("target", "meridian-member-sync-0.1.0-SNAPSHOT-agent.jar");

    @RegisterExtension
    static FederationSandbox.Extension sandbox = new FederationSandbox.Extension();

    @TempDir
    static Path dir;

    static KubernetesClient federation;
    static SimulatedCluster member;

    @BeforeAll
    static void start() {
        federation = sandbox.get().federationClient();
        member = sandbox.get().member("alpha");
    }

    @AfterAll
    static void stop() {
        federation.close();
    }

    @Test
    void theAgentSyncsItsClusterAndItsHealthFollowsTheMember() {
        String cluster = "agent-in-process";
        pullCluster(cluster);
        try (ConfigurableApplicationContext agent =
                AgentApplication.application().run(args(cluster).toArray(String[]::new))) {
            String name = ResourceNames.workName("ConfigMap", "agent", "settings");
            federation
                    .resource(work(
                            Namespaces.executionNamespace(cluster), name, configMap("agent", "settings", "pulled")))
                    .create();
            eventually()
                    .untilAsserted(() -> assertThat(member.client()
                                    .configMaps()
                                    .inNamespace("agent")
                                    .withName("settings")
                                    .get()
                                    .getData())
                            .containsEntry("greeting", "pulled"));
            eventually()
                    .until(() -> Conditions.isTrue(
                            federation
                                    .resources(Work.class)
                                    .inNamespace(Namespaces.executionNamespace(cluster))
                                    .withName(name)
                                    .get()
                                    .getStatus()
                                    .conditions(),
                            ConditionTypes.APPLIED));

            HealthEndpoint health = agent.getBean(HealthEndpoint.class);
            eventually().until(() -> health.healthForPath("syncer").getStatus().equals(Status.UP));

            member.fail(FaultMode.DOWN);
            try {
                eventually()
                        .until(() -> health.healthForPath("syncer").getStatus().equals(Status.DOWN));
            } finally {
                member.heal();
            }
            eventually().until(() -> health.healthForPath("syncer").getStatus().equals(Status.UP));
        }
    }

    @Test
    void thePackagedAgentRunsAndSyncs() throws Exception {
        if (!Files.isRegularFile(AGENT_JAR)) {
            throw new IllegalStateException(AGENT_JAR.toAbsolutePath() + " is missing: it is built by 'package'");
        }
        String cluster = "agent-jar";
        pullCluster(cluster);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                AGENT_JAR.toAbsolutePath().toString()));
        command.addAll(args(cluster));
        Path log = Path.of("target", "sandbox-logs", "agent-jar.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process agent = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            String name = ResourceNames.workName("ConfigMap", "agent", "from-jar");
            federation
                    .resource(work(Namespaces.executionNamespace(cluster), name, configMap("agent", "from-jar", "jar")))
                    .create();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                assertThat(agent.isAlive())
                        .as("the agent is running; see %s", log)
                        .isTrue();
                assertThat(member.client()
                                .configMaps()
                                .inNamespace("agent")
                                .withName("from-jar")
                                .get()
                                .getData())
                        .containsEntry("greeting", "jar");
            });
            // Its heartbeat: the Lease in the execution namespace, and the Cluster reachable.
            eventually().untilAsserted(() -> {
                Lease lease = federation
                        .leases()
                        .inNamespace(Namespaces.executionNamespace(cluster))
                        .withName(ResourceNames.HEARTBEAT_LEASE)
                        .get();
                assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("member-sync/" + cluster);
                assertThat(Conditions.isTrue(
                                federation
                                        .resources(Cluster.class)
                                        .withName(cluster)
                                        .get()
                                        .getStatus()
                                        .conditions(),
                                ConditionTypes.REACHABLE))
                        .isTrue();
            });
        } finally {
            agent.destroy();
            if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
        assertThat(agent.exitValue()).as("exit code after SIGTERM; see %s", log).isIn(0, 143);
    }

    private static List<String> args(String cluster) {
        Path kubeconfig = member.kubeconfig(dir.resolve(cluster + ".kubeconfig"));
        return List.of(
                "--meridian.sync.cluster-name=" + cluster,
                "--server.port=0",
                "--meridian.sync.federation.url=" + sandbox.get().federationUrl(),
                "--meridian.sync.member.kubeconfig=" + kubeconfig,
                "--meridian.sync.guard.call-timeout=2s",
                "--meridian.sync.guard.sliding-window=4",
                "--meridian.sync.guard.open-duration=2s",
                "--meridian.sync.heartbeat.interval=1s");
    }

    private static void pullCluster(String cluster) {
        federation
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(Namespaces.executionNamespace(cluster))
                        .endMetadata()
                        .build())
                .serverSideApply();
        federation
                .resources(Cluster.class)
                .resource(new Cluster(
                        cluster,
                        ClusterSpec.builder()
                                .region("test")
                                .syncMode(SyncMode.PULL)
                                .build()))
                .serverSideApply();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions();
    }
}
