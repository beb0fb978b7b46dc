package io.meridian.sandbox.member;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meridian.sandbox.apiserver.ApiServerProcess;
import io.meridian.sandbox.fault.FaultMode;
import io.meridian.sandbox.fault.FaultProxy;
import io.meridian.sandbox.process.Kubeconfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One simulated member cluster: the project's API server in member mode (native kinds only, its own key prefix
 * {@code /members/<name>/registry} on a shared etcd ring), a {@link FaultProxy} in front of it, and a
 * {@link WorkloadSimulator} playing its controllers and kubelets.
 *
 * <p>Why this shape: no real kube-apiserver can run here, and the federation must be tested against something that
 * speaks the full Kubernetes API (discovery, server-side apply, strategic merge patch, watch), fails like a remote
 * cluster, and makes workloads progress. Clients under test get {@link #apiUrl()} (through the proxy, so that
 * {@link #fail(FaultMode)} affects them); assertions use {@link #client()} or {@link #directUrl()}, which bypass the
 * proxy and so see the truth even while the cluster is "down".
 *
 * <pre>{@code
 * try (SimulatedCluster c = SimulatedCluster.builder()
 *         .name("us-east").region("us-east")
 *         .etcdEndpoints(ring.endpoints())
 *         .start()) {
 *     c.kubeconfig(dir.resolve("us-east.kubeconfig")); // for member-sync or kubectl
 *     c.fail(FaultMode.PARTITION);
 *     c.heal();
 * }
 * }</pre>
 */
public final class SimulatedCluster implements AutoCloseable {

    private static final AtomicInteger RANGES = new AtomicInteger();

    private final String name;
    private final String region;
    private final String zone;
    private final ApiServerProcess apiServer;
    private final FaultProxy proxy;
    private final KubernetesClient client;
    private final WorkloadSimulator simulator;

    private SimulatedCluster(
            String name,
            String region,
            String zone,
            ApiServerProcess apiServer,
            FaultProxy proxy,
            KubernetesClient client,
            WorkloadSimulator simulator) {
        this.name = name;
        this.region = region;
        this.zone = zone;
        this.apiServer = apiServer;
        this.proxy = proxy;
        this.client = client;
        this.simulator = simulator;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return name;
    }

    public String region() {
        return region;
    }

    public String zone() {
        return zone;
    }

    /** The URL clients under test use: through the fault proxy. */
    public String apiUrl() {
        return proxy.url();
    }

    /** The API server itself, bypassing the proxy: for assertions and setup. */
    public String directUrl() {
        return apiServer.url();
    }

    /**
     * Writes a kubeconfig for {@link #apiUrl()} with one context named after the cluster (namespace {@code default}, no
     * credentials: the member API server does not authenticate), for kubectl or member-sync.
     */
    public Path kubeconfig(Path file) {
        return Kubeconfigs.write(file, name, apiUrl());
    }

    /** A fabric8 client on {@link #directUrl()}, shared and closed with the cluster. */
    public KubernetesClient client() {
        return client;
    }

    /** A new fabric8 client on {@link #apiUrl()}, as a client under test would have; the caller closes it. */
    public KubernetesClient newProxiedClient() {
        return newClient(apiUrl());
    }

    public WorkloadSimulator simulator() {
        return simulator;
    }

    public FaultProxy proxy() {
        return proxy;
    }

    public ApiServerProcess apiServer() {
        return apiServer;
    }

    /** Makes the cluster fail, as seen through {@link #apiUrl()}. */
    public void fail(FaultMode mode) {
        proxy.mode(mode);
    }

    /** Ends any fault: the proxy passes traffic and every node is Ready again. */
    public void heal() {
        proxy.heal();
        simulator.resetNodes();
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (AutoCloseable part : new AutoCloseable[] {simulator, client, proxy, apiServer}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                failures.add(e instanceof RuntimeException r ? r : new IllegalStateException(e));
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    @Override
    public String toString() {
        return "SimulatedCluster[" + name + " " + region + "/" + zone + " " + apiUrl() + " -> " + directUrl() + ", "
                + proxy.mode() + "]";
    }

    /**
     * A fabric8 client for a member API server at {@code url}, configured as this project's servers need: nothing
     * from {@code ~/.kube/config} or the environment, and watches over plain HTTP. The member API server does not
     * speak WebSocket; fabric8 tries a WebSocket watch first, and the JDK client's handshake then waits on the chunked
     * HTTP answer until the watch times out, so informers would never sync without {@code onlyHttpWatches}.
     */
    public static KubernetesClient newClient(String url) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withOnlyHttpWatches(true)
                .withNamespace("default")
                .withRequestTimeout(10_000)
                .withConnectionTimeout(5_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** How to start one cluster. {@link #etcdEndpoints} is required. */
    public static final class Builder {
        private int proxyPort;
        private String name = "member";
        private String region;
        private String zone;
        private final List<String> etcdEndpoints = new ArrayList<>();
        private Path logDir;
        private Consumer<ApiServerProcess.Builder> apiServerCustomizer = b -> {};
        private final WorkloadSimulator.Builder simulator = WorkloadSimulator.builder();
        private boolean cidrSet;

        private Builder() {}

        /** The cluster's name: node names, the etcd prefix, the kubeconfig context. A DNS label. */
        public Builder name(String name) {
            if (!Objects.requireNonNull(name).matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw new IllegalArgumentException("a cluster name is a DNS label: " + name);
            }
            this.name = name;
            return this;
        }

        /** The region; the cluster's name by default. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The zone of every node; {@code <region>-a} by default. */
        public Builder zone(String zone) {
            this.zone = zone;
            return this;
        }

        public Builder etcdEndpoints(List<String> endpoints) {
            this.etcdEndpoints.clear();
            this.etcdEndpoints.addAll(endpoints);
            return this;
        }

        /** Where the API server's log goes ({@code <dir>/<name>.log}); {@code target/member-logs} by default. */
        public Builder logDir(Path dir) {
            this.logDir = dir;
            return this;
        }

        /** The proxy's port (what clients use); a free one when not set. The sandbox keeps it across restarts. */
        public Builder proxyPort(int port) {
            this.proxyPort = port;
            return this;
        }

        public Builder nodes(int count) {
            simulator.nodes(count);
            return this;
        }

        public Builder nodeShape(NodeShape shape) {
            simulator.nodeShape(shape);
            return this;
        }

        public Builder readinessDelay(Duration delay) {
            simulator.readinessDelay(delay);
            return this;
        }

        /** The load-balancer range; a distinct {@code 172.20.N.0/24} per cluster of this JVM by default. */
        public Builder loadBalancerCidr(String cidr) {
            simulator.loadBalancerCidr(cidr);
            cidrSet = true;
            return this;
        }

        /** Any other simulator setting (job duration, heartbeat interval, broken-image marker...). */
        public Builder simulator(Consumer<WorkloadSimulator.Builder> customizer) {
            customizer.accept(simulator);
            return this;
        }

        /** Any API server setting (JVM options, properties, start timeout...). */
        public Builder apiServer(Consumer<ApiServerProcess.Builder> customizer) {
            this.apiServerCustomizer = Objects.requireNonNull(customizer);
            return this;
        }

        /**
         * Starts the API server, the proxy and the simulator, and returns when the API server is ready and every node
         * is Ready. On failure, whatever was started is stopped again.
         */
        public SimulatedCluster start() {
            if (etcdEndpoints.isEmpty()) {
                throw new IllegalStateException("simulated cluster " + name + " needs etcd endpoints");
            }
            String theRegion = region != null ? region : name;
            String theZone = zone != null ? zone : theRegion + "-a";
            if (!cidrSet) {
                simulator.loadBalancerCidr("172.20." + (RANGES.getAndIncrement() % 256) + ".0/24");
            }
            Path logs =
                    logDir != null ? logDir : Path.of("target", "member-logs").toAbsolutePath();
            ApiServerProcess.Builder api = ApiServerProcess.builder()
                    .etcdEndpoints(etcdEndpoints)
                    .mode("member")
                    .prefix("/members/" + name + "/registry")
                    .name(name)
                    .logFile(logs.resolve(name + ".log"))
                    // Several clusters start at once, each a JVM, often on a machine with two cores.
                    .startTimeout(Duration.ofMinutes(3));
            apiServerCustomizer.accept(api);
            ApiServerProcess server = null;
            FaultProxy proxy = null;
            KubernetesClient client = null;
            try {
                server = api.start();
                proxy = proxyPort > 0
                        ? FaultProxy.start(name, new java.net.InetSocketAddress("127.0.0.1", server.port()), proxyPort)
                        : FaultProxy.start(name, server.port());
                client = newClient(server.url());
                WorkloadSimulator sim = simulator
                        .clusterName(name)
                        .region(theRegion)
                        .zone(theZone)
                        .start(client);
                return new SimulatedCluster(name, theRegion, theZone, server, proxy, client, sim);
            } catch (RuntimeException e) {
                for (AutoCloseable part : new AutoCloseable[] {client, proxy, server}) {
                    try {
                        if (part != null) {
                            part.close();
                        }
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }
    }
}
