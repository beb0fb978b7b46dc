package io.meridian.membersync.push;

import static io.meridian.membersync.sync.Manifests.configMap;
import static io.meridian.membersync.sync.Manifests.work;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.SecretReference;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Namespaces;
import io.meridian.membersync.interpreter.InterpreterRegistry;
import io.meridian.membersync.sync.ClusterSyncer;
import io.meridian.membersync.sync.FederationSandbox;
import io.meridian.membersync.sync.SyncSettings;
import io.meridian.sandbox.member.SimulatedCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Push mode: the manager runs one syncer per push-mode Cluster, built from its credentials Secret. */
class SyncerManagerIT {

    @RegisterExtension
    static FederationSandbox.Extension sandbox = new FederationSandbox.Extension();

    static KubernetesClient federation;
    static SimulatedCluster alpha;
    static SimulatedCluster beta;
    static SyncerManager manager;

    @BeforeAll
    static void start() {
        federation = sandbox.get().federationClient();
        alpha = sandbox.get().member("alpha");
        beta = sandbox.get().member("beta");
        namespace(Namespaces.SYSTEM);
        manager = new SyncerManager(
                federation,
                InterpreterRegistry.withBuiltIns(),
                SyncSettings.DEFAULT,
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        manager.start();
    }

    @AfterAll
    static void stop() {
        manager.close();
        federation.close();
    }

    @Test
    void aPushClusterWithCredentialsGetsASyncerThatIsRebuiltWhenItsEndpointChangesAndStopsWhenItGoes() {
        String cluster = "push-one";
        credentials(cluster, "token-1");
        cluster(cluster, alpha.apiUrl(), SyncMode.PUSH, true);
        federation
                .resource(work(Namespaces.executionNamespace(cluster), "pushed", configMap("push", "first", "v")))
                .create();

        eventually().until(() -> manager.clusters().contains(cluster));
        eventually()
                .until(() -> alpha.client()
                                .configMaps()
                                .inNamespace("push")
                                .withName("first")
                                .get()
                        != null);
        ClusterSyncer first = manager.syncer(cluster).orElseThrow();

        // The member moves: a new syncer for the new endpoint, which applies the Work there.
        cluster(cluster, beta.apiUrl(), SyncMode.PUSH, true);
        eventually().until(() -> manager.syncer(cluster).filter(s -> s != first).isPresent());
        eventually()
                .until(() -> beta.client()
                                .configMaps()
                                .inNamespace("push")
                                .withName("first")
                                .get()
                        != null);
        assertThat(first.health().running()).isFalse();

        // New credentials: rebuilt again.
        ClusterSyncer second = manager.syncer(cluster).orElseThrow();
        credentials(cluster, "token-2");
        eventually()
                .until(() -> manager.syncer(cluster).filter(s -> s != second).isPresent());

        federation.resources(Cluster.class).withName(cluster).delete();
        eventually().until(() -> !manager.clusters().contains(cluster));
    }

    @Test
    void aPullClusterIsLeftToItsAgent() {
        String cluster = "pull-one";
        credentials(cluster, "token");
        cluster(cluster, alpha.apiUrl(), SyncMode.PULL, true);
        String push = "push-two";
        credentials(push, "token");
        cluster(push, alpha.apiUrl(), SyncMode.PUSH, true);

        // Clusters are handled in order of events; once the later push cluster has its syncer the pull one was seen.
        eventually().until(() -> manager.clusters().contains(push));
        assertThat(manager.clusters()).doesNotContain(cluster);

        // A switch to Pull stops the push syncer.
        cluster(push, alpha.apiUrl(), SyncMode.PULL, true);
        eventually().until(() -> !manager.clusters().contains(push));
    }

    @Test
    void missingCredentialsAreReportedOnTheClusterAndPickedUpWhenTheyArrive() {
        String cluster = "no-creds";
        cluster(cluster, alpha.apiUrl(), SyncMode.PUSH, true);

        eventually().untilAsserted(() -> {
            Cluster c = federation.resources(Cluster.class).withName(cluster).get();
            Condition reachable = Conditions.find(c.getStatus().conditions(), ConditionTypes.REACHABLE)
                    .orElseThrow();
            assertThat(reachable.reason()).isEqualTo(ConditionReasons.CREDENTIALS_INVALID);
            assertThat(reachable.message()).contains("meridian-system/no-creds-credentials");
        });
        assertThat(manager.clusters()).doesNotContain(cluster);

        credentials(cluster, "token");
        eventually().until(() -> manager.clusters().contains(cluster));
        // The syncer's heartbeat takes over the Reachable condition.
        eventually()
                .until(() -> Conditions.isTrue(
                        federation
                                .resources(Cluster.class)
                                .withName(cluster)
                                .get()
                                .getStatus()
                                .conditions(),
                        ConditionTypes.REACHABLE));
    }

    @Test
    void stoppingTheManagerStopsEverySyncerAndStartingItAgainBringsThemBack() {
        String cluster = "restartable";
        credentials(cluster, "token");
        cluster(cluster, alpha.apiUrl(), SyncMode.PUSH, true);
        eventually().until(() -> manager.clusters().contains(cluster));
        ClusterSyncer before = manager.syncer(cluster).orElseThrow();

        manager.stop();
        assertThat(manager.clusters()).isEmpty();
        assertThat(before.health().running()).isFalse();

        manager.start();
        eventually().until(() -> manager.clusters().contains(cluster));
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions();
    }

    private static void cluster(String name, String endpoint, SyncMode mode, boolean withSecret) {
        namespace(Namespaces.executionNamespace(name));
        federation
                .resources(Cluster.class)
                .resource(new Cluster(
                        name,
                        ClusterSpec.builder()
                                .region("test")
                                .apiEndpoint(endpoint)
                                .syncMode(mode)
                                .secretRef(
                                        withSecret
                                                ? new SecretReference(Namespaces.SYSTEM, name + "-credentials")
                                                : null)
                                .build()))
                .serverSideApply();
    }

    private static void credentials(String cluster, String token) {
        federation
                .secrets()
                .inNamespace(Namespaces.SYSTEM)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(cluster + "-credentials")
                        .endMetadata()
                        .addToData("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)))
                        .build())
                .serverSideApply();
    }

    private static void namespace(String name) {
        federation
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .serverSideApply();
    }
}
