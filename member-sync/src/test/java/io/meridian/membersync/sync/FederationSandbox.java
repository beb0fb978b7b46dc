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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One small federation for all member-sync integration tests of a run: a one-member etcd ring, a
 * federation API server, and member clusters (API servers in member mode, each with its own key
 * prefix) started the first time a test asks for them. It lives in JUnit's root store, so it starts
 * once and is closed when the run ends; each test class uses cluster names of its own.
 *
 * <pre>{@code
 * @RegisterExtension static FederationSandbox.Extension sandbox = new FederationSandbox.Extension();
 * ... sandbox.get().member("alpha") ...
 * }</pre>
 */
public final class FederationSandbox implements AutoCloseable {

    private final EtcdRing ring;
    private final ApiServerProcess federation;
    private final Map<String, ApiServerProcess> members = new ConcurrentHashMap<>();

    private FederationSandbox() {
        this.ring = EtcdRing.builder()
                .regions("member-sync")
                .heartbeatInterval(Duration.ofMillis(50))
                .electionTimeout(Duration.ofMillis(500))
                .logDir(Path.of("target", "etcd-logs", "member-sync").toAbsolutePath())
                .start();
        try {
            this.federation = ApiServerProcess.builder()
                    .etcdEndpoints(ring.endpoints())
                    .name("federation")
                    .logFile(Path.of("target", "apiserver-logs", "federation.log")
                            .toAbsolutePath())
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
        return client(federation.url());
    }

    /** The member cluster {@code name}'s API server, started on first use. */
    public synchronized ApiServerProcess member(String name) {
        return members.computeIfAbsent(
                name,
                n -> ApiServerProcess.builder()
                        .etcdEndpoints(ring.endpoints())
                        .mode("member")
                        .prefix("/members/" + n + "/registry")
                        .name("member-" + n)
                        .logFile(Path.of("target", "apiserver-logs", "member-" + n + ".log")
                                .toAbsolutePath())
                        .start());
    }

    /** A new client for member {@code name}, as a syncer gets it (short timeouts, no retries). */
    public KubernetesClient memberClient(String name) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(member(name).url())
                .build();
        return new KubernetesClientBuilder()
                .withConfig(MemberConnections.tune(config, Duration.ofSeconds(5)))
                .build();
    }

    /** Registers {@code cluster} in the federation (a push-mode Cluster at its member) with its execution namespace. */
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

    private static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withRequestTimeout(10_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public void close() {
        members.values().forEach(ApiServerProcess::close);
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
