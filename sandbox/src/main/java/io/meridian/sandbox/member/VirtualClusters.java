package io.meridian.sandbox.member;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.sandbox.apiserver.ApiServerProcess;
import io.meridian.sandbox.etcd.FreePorts;
import io.meridian.sandbox.process.JarProcess;
import io.meridian.sandbox.process.Kubeconfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Many simulated member clusters at the cost of one process: for benchmarks and scale tests that need tens or hundreds
 * of members on a machine where one API server process per member (150-300 MB and a JIT warm-up each) would not fit.
 *
 * <p>What is real and what is not. Each cluster is a complete member-mode API server — the project's own, unchanged: a
 * Spring application context of its own, with its own port (so its own URL, as a Cluster object names it), its own etcd
 * key prefix ({@code /members/<name>/registry}), its own etcd client, watch caches, servlet container and metrics —
 * and a {@link WorkloadSimulator} of its own in the caller's JVM, exactly as {@link SimulatedCluster} has. What the
 * clusters share is the JVM that hosts them all ({@link VirtualClusterHost}: classes, compiled code, heap, garbage
 * collector) and the etcd ring they store into. Unlike {@link SimulatedCluster} there is no fault proxy in front of
 * them (they cannot be made to fail) and clients reach them directly.
 *
 * <pre>{@code
 * try (VirtualClusters members = VirtualClusters.builder()
 *         .names(List.of("member-001", "member-002"))
 *         .etcdEndpoints(ring.endpoints())
 *         .simulator(s -> s.nodes(2).readinessDelay(Duration.ofMillis(500)))
 *         .start()) {
 *     for (VirtualClusters.Cluster c : members.clusters()) {
 *         c.url();      // the member's own API endpoint
 *         c.client();   // a fabric8 client on it
 *     }
 * }
 * }</pre>
 */
public final class VirtualClusters implements AutoCloseable {

    /** One member cluster: its API endpoint, a client on it, and the simulator playing its controllers. */
    public record Cluster(
            String name, String region, String url, KubernetesClient client, WorkloadSimulator simulator) {

        /** A kubeconfig for {@link #url()} with one context named after the cluster, for kubectl or member-sync. */
        public Path kubeconfig(Path file) {
            return Kubeconfigs.write(file, name, url);
        }
    }

    private final JarProcess host;
    private final Path extracted;
    private final List<Cluster> clusters;
    private final Map<String, Cluster> byName = new LinkedHashMap<>();

    private VirtualClusters(JarProcess host, Path extracted, List<Cluster> clusters) {
        this.host = host;
        this.extracted = extracted;
        this.clusters = List.copyOf(clusters);
        clusters.forEach(c -> byName.put(c.name(), c));
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Cluster> clusters() {
        return clusters;
    }

    public Cluster cluster(String name) {
        Cluster c = byName.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no virtual cluster " + name + "; there are " + byName.keySet());
        }
        return c;
    }

    /** The process hosting every cluster's API server. */
    public long pid() {
        return host.pid();
    }

    public Path logFile() {
        return host.logFile();
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Cluster c : clusters) {
            for (AutoCloseable part : new AutoCloseable[] {c.simulator(), c.client()}) {
                try {
                    part.close();
                } catch (Exception e) {
                    failures.add(e instanceof RuntimeException r ? r : new IllegalStateException(e));
                }
            }
        }
        try {
            host.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        deleteQuietly(extracted);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    @Override
    public String toString() {
        return "VirtualClusters[" + clusters.size() + " clusters in process " + (host.isRunning() ? host.pid() : "-")
                + "]";
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing for
        }
    }

    /** How to start the clusters. {@link #names} and {@link #etcdEndpoints} are required. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<String> etcdEndpoints = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> jvmOptions =
                new ArrayList<>(List.of("-Xms256m", "-Xmx2g", "-XX:+UseG1GC", "-Xss512k"));
        private Consumer<WorkloadSimulator.Builder> simulator = s -> {};
        private Path jar;
        private Path logDir;
        private Duration startTimeout = Duration.ofMinutes(5);
        private int parallelStarts = 1;

        private Builder() {
            // A watch that fell further behind than this relists, as against kube-apiserver; the default (10,000
            // events per resource) would keep a hundred members' Deployment histories in the host's heap.
            properties.put("meridian.api.watch.history-events", "1000");
        }

        /** The clusters' names (DNS labels); each is also its region. */
        public Builder names(List<String> names) {
            for (String name : names) {
                if (!Objects.requireNonNull(name).matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                    throw new IllegalArgumentException("a cluster name is a DNS label: " + name);
                }
            }
            this.names.clear();
            this.names.addAll(names);
            return this;
        }

        public Builder etcdEndpoints(List<String> endpoints) {
            this.etcdEndpoints.clear();
            this.etcdEndpoints.addAll(endpoints);
            return this;
        }

        /** A Spring property every cluster's API server gets, e.g. {@code meridian.api.etcd.request-timeout=2s}. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** JVM options of the hosting process; {@code -Xmx2g -XX:+UseG1GC} by default. */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions.clear();
            this.jvmOptions.addAll(options);
            return this;
        }

        /** Settings of every cluster's simulator (nodes, readiness delay, heartbeat interval...). */
        public Builder simulator(Consumer<WorkloadSimulator.Builder> customizer) {
            this.simulator = Objects.requireNonNull(customizer);
            return this;
        }

        /** The packaged API server; {@link ApiServerProcess#locateJar()} by default. */
        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        /** Where the host's log goes ({@code <dir>/virtual-clusters.log}); {@code target/member-logs} by default. */
        public Builder logDir(Path dir) {
            this.logDir = dir;
            return this;
        }

        /** How long starting every API server may take; 5 minutes by default (about 0.5-1.5 s each on 2 cores). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** How many API servers start at once; one by default (start-up is CPU-bound). */
        public Builder parallelStarts(int n) {
            this.parallelStarts = Math.max(1, n);
            return this;
        }

        /**
         * Starts the host process and waits until every API server is ready, then starts every cluster's simulator and
         * waits until its nodes are Ready. On failure, whatever was started is stopped again.
         */
        public VirtualClusters start() {
            if (names.isEmpty() || etcdEndpoints.isEmpty()) {
                throw new IllegalStateException("virtual clusters need names and etcd endpoints");
            }
            Path logs = (logDir != null ? logDir : Path.of("target", "member-logs")).toAbsolutePath();
            Path apiJar = jar != null ? jar : ApiServerProcess.locateJar();
            Path extracted = null;
            JarProcess host = null;
            List<Cluster> started = new ArrayList<>();
            try {
                Files.createDirectories(logs);
                extracted = Files.createTempDirectory("meridian-virtual-clusters-");
                Path classes = extract(apiJar, extracted, logs.resolve("virtual-clusters-extract.log"));
                int controlPort = FreePorts.next();
                List<String> args = new ArrayList<>();
                args.add("--application=io.meridian.apiserver.ApiServerApplication");
                args.add("--control-port=" + controlPort);
                args.add("--parent-pid=" + ProcessHandle.current().pid());
                args.add("--parallel=" + parallelStarts);
                // Port 0: each server takes a port from the kernel as it starts. Ports chosen up front were taken by
                // other processes on a busy machine in the minute a hundred servers take to start one by one.
                for (String name : names) {
                    args.add("--cluster=" + name + "@0@/members/" + name + "/registry");
                }
                args.add("--");
                args.add("--meridian.api.mode=member");
                args.add("--meridian.api.etcd.endpoints=" + String.join(",", etcdEndpoints));
                args.add("--server.address=127.0.0.1");
                // Nothing to drain on the way out, and a hundred contexts closed one by one would outlast the stop.
                args.add("--server.shutdown=immediate");
                args.add("--spring.main.register-shutdown-hook=false");
                args.add("--logging.level.root=WARN");
                properties.forEach((k, v) -> args.add("--" + k + "=" + v));
                host = JarProcess.mainClass(
                        "virtual member clusters",
                        List.of(classes, ownLocation()),
                        VirtualClusterHost.class.getName(),
                        jvmOptions,
                        args,
                        URI.create("http://127.0.0.1:" + controlPort + "/readyz"),
                        logs.resolve("virtual-clusters.log"),
                        startTimeout);
                host.start();
                started.addAll(startSimulators(ports(controlPort)));
                return new VirtualClusters(host, extracted, started);
            } catch (IOException e) {
                stopAll(started, host, extracted, e);
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                stopAll(started, host, extracted, e);
                throw e;
            }
        }

        /** Every cluster's port, in the order of {@link #names}, as the started host reports them. */
        private Map<String, Integer> ports(int controlPort) throws IOException {
            Map<String, Integer> reported = new LinkedHashMap<>();
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/ports"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                for (String line : response.body().split("\n")) {
                    String[] f = line.trim().split(" ");
                    if (f.length == 2) {
                        reported.put(f[0], Integer.parseInt(f[1]));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking the virtual clusters' host for their ports", e);
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String name : names) {
                Integer port = reported.get(name);
                if (port == null) {
                    throw new IllegalStateException("the virtual clusters' host reports no port for " + name);
                }
                ports.put(name, port);
            }
            return ports;
        }

        private List<Cluster> startSimulators(Map<String, Integer> ports) {
            // Each simulator waits for its nodes to be registered; a few at a time keeps the start short.
            ExecutorService pool =
                    Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory());
            List<Future<Cluster>> pending = new ArrayList<>();
            int index = 0;
            for (var e : ports.entrySet()) {
                String name = e.getKey();
                String url = "http://127.0.0.1:" + e.getValue();
                String cidr = "172." + (16 + index / 256) + "." + (index % 256) + ".0/24";
                index++;
                pending.add(pool.submit(() -> {
                    KubernetesClient client = SimulatedCluster.newClient(url);
                    try {
                        WorkloadSimulator.Builder b = WorkloadSimulator.builder();
                        simulator.accept(b);
                        WorkloadSimulator sim = b.clusterName(name)
                                .region(name)
                                .loadBalancerCidr(cidr)
                                .start(client);
                        return new Cluster(name, name, url, client, sim);
                    } catch (RuntimeException ex) {
                        client.close();
                        throw ex;
                    }
                }));
            }
            pool.shutdown();
            List<Cluster> result = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<Cluster> f : pending) {
                try {
                    result.add(f.get());
                } catch (ExecutionException ex) {
                    RuntimeException cause =
                            ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted while starting the simulators", ex);
                    break;
                }
            }
            if (failure != null) {
                for (Cluster c : result) {
                    c.simulator().close();
                    c.client().close();
                }
                throw failure;
            }
            return result;
        }

        private static void stopAll(List<Cluster> started, JarProcess host, Path extracted, Exception e) {
            for (Cluster c : started) {
                c.simulator().close();
                c.client().close();
            }
            if (host != null) {
                try {
                    host.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            deleteQuietly(extracted);
        }

        /**
         * The packaged server's own layout for running from a class path (Spring Boot's {@code tools} jar mode): its
         * classes as a thin jar whose manifest lists the libraries beside it. Returns the thin jar.
         */
        private static Path extract(Path jar, Path into, Path log) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(
                            java.toString(),
                            "-Djarmode=tools",
                            "-jar",
                            jar.toString(),
                            "extract",
                            "--force",
                            "--destination",
                            into.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            try {
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("extracting " + jar + " took more than 2 minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IllegalStateException("interrupted while extracting " + jar, e);
            }
            Path thin = into.resolve(jar.getFileName());
            if (p.exitValue() != 0 || !Files.isRegularFile(thin)) {
                throw new IllegalStateException("cannot extract " + jar + " (exit " + p.exitValue() + "); see " + log);
            }
            return thin;
        }

        /** Where {@link VirtualClusterHost} is loaded from: the sandbox's jar or classes directory. */
        private static Path ownLocation() {
            try {
                return Path.of(VirtualClusterHost.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the sandbox's classes", e);
            }
        }
    }
}
