package io.meridian.membersync.sync;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.names.Namespaces;
import io.meridian.membersync.connect.MemberConnections;
import io.meridian.sandbox.apiserver.ApiServerProcess;
import io.meridian.sandbox.etcd.EtcdRing;
import io.meridian.sandbox.member.SimulatedCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One small federation for all member-sync integration tests of a run: a one-member etcd ring, a
 * federation API server, and simulated member clusters (an API server in member mode behind a fault
 * proxy, with a workload simulator) started the first time a test asks for them. It lives in
 * JUnit's root store, so it starts once and is closed when the run ends. Tests share the members:
 * each test class uses namespaces and Cluster names of its own, and heals any fault it injects.
 *
 * <pre>{@code
 * @RegisterExtension static FederationSandbox.Extension sandbox = new FederationSandbox.Extension();
 * ... sandbox.get().member("alpha").apiUrl() ...
 * }</pre>
 */
public final class FederationSandbox implements AutoCloseable {

    /** The image marker that keeps a workload from ever becoming ready in a simulated member. */
    public static final String BROKEN_IMAGE = "broken";

    private static final Path LOGS = Path.of("target", "sandbox-logs").toAbsolutePath();

    private final EtcdRing ring;
    private final ApiServerProcess federation;
    private final Map<String, SimulatedCluster> members = new ConcurrentHashMap<>();

    private FederationSandbox() {
        this.ring = EtcdRing.builder()
                .regions("member-sync")
                .heartbeatInterval(Duration.ofMillis(50))
                .electionTimeout(Duration.ofMillis(500))
                .logDir(LOGS.resolve("etcd"))
                .start();
        try {
            this.federation = ApiServerProcess.builder()
                    .etcdEndpoints(ring.endpoints())
                    .name("federation")
                    .logFile(LOGS.resolve("federation.log"))
                    .start();
        } catch (RuntimeException e) {
            ring.close();
            throw e;
        }
    }

    /** The federation API's URL. */
    public String federationUrl() {
        return federation.url();
    }

    /** A new client for the federation API; the caller closes it. */
    public KubernetesClient federationClient() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(federation.url())
                .withRequestTimeout(10_000)
                .withOnlyHttpWatches(true)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The simulated member cluster {@code name}, started on first use. */
    public SimulatedCluster member(String name) {
        return members.computeIfAbsent(
                name,
                n -> SimulatedCluster.builder()
                        .name(n)
                        .etcdEndpoints(ring.endpoints())
                        .logDir(LOGS)
                        .nodes(2)
                        .readinessDelay(Duration.ofMillis(500))
                        .simulator(s -> s.brokenImageMarker(BROKEN_IMAGE))
                        .start());
    }

    /** A new client for member {@code name} as a syncer gets one: through its fault proxy, short timeouts. */
    public KubernetesClient memberClient(String name) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(member(name).apiUrl())
                .build();
        return new KubernetesClientBuilder()
                .withConfig(MemberConnections.tune(config, Duration.ofSeconds(5)))
                .build();
    }

    /** Registers {@code cluster} in the federation (a push-mode Cluster at {@code endpoint}) with its execution namespace. */
    public void register(KubernetesClient client, String cluster, String endpoint) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(Namespaces.executionNamespace(cluster))
                        .endMetadata()
                        .build())
                .serverSideApply();
        client.resources(Cluster.class)
                .resource(new Cluster(
                        cluster,
                        ClusterSpec.builder()
                                .region("test")
                                .apiEndpoint(endpoint)
                                .syncMode(SyncMode.PUSH)
                                .build()))
                .serverSideApply();
    }

    @Override
    public void close() {
        members.values().forEach(SimulatedCluster::close);
        federation.close();
        ring.close();
    }

    /** Gives a test class the run's sandbox. */
    public static final class Extension implements BeforeAllCallback {

        private FederationSandbox sandbox;

        @Override
        public void beforeAll(ExtensionContext context) {
            sandbox = context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .computeIfAbsent(FederationSandbox.class, k -> new FederationSandbox(), FederationSandbox.class);
        }

        public FederationSandbox get() {
            if (sandbox == null) {
                throw new IllegalStateException("the sandbox starts before all tests of the class");
            }
            return sandbox;
        }
    }
}
