package io.meridian.fedctl.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.meridian.sandbox.apiserver.ApiServerProcess;
import io.meridian.sandbox.controller.ControllerProcess;
import io.meridian.sandbox.etcd.EtcdMember;
import io.meridian.sandbox.etcd.EtcdRing;
import io.meridian.sandbox.etcd.FreePorts;
import io.meridian.sandbox.member.SimulatedCluster;
import io.meridian.sandbox.process.JarProcess;
import io.meridian.sandbox.process.Kubeconfigs;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-lived process behind {@code fedctl sandbox up}. It owns a whole federation on loopback,
 * each part its own process: a 3-member etcd ring (one member per region), one federation API
 * server per region, three simulated member clusters (member-mode API servers with a workload
 * simulator and a fault proxy each), already joined, and two controller replicas (one leads; the
 * push-mode syncers run inside it). It writes the state file and a kubeconfig, serves
 * {@code fail}/{@code heal} on a loopback control port, and on SIGTERM ({@code fedctl sandbox down})
 * stops all of it, keeping the data for the next {@code up}.
 */
final class SandboxSupervisor {

    private static final Logger log = LoggerFactory.getLogger(SandboxSupervisor.class);

    /** One etcd member, one API server and one simulated member cluster per region. */
    static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");

    private static final int PREFERRED_API_PORT = 16443;
    private static final ResourceDefinitionContext CLUSTERS = new ResourceDefinitionContext.Builder()
            .withGroup("meridian.io")
            .withVersion("v1alpha1")
            .withKind("Cluster")
            .withPlural("clusters")
            .withNamespaced(false)
            .build();

    private final SandboxHome home;
    private final List<SandboxState.Component> components = new ArrayList<>();
    private final Map<String, ApiServerProcess> apiServers = new LinkedHashMap<>();
    private final Map<String, SimulatedCluster> members = new ConcurrentHashMap<>();
    private final List<ControllerProcess> controllers = new ArrayList<>();
    private EtcdRing ring;
    private SandboxControl control;

    SandboxSupervisor(SandboxHome home) {
        this.home = home;
    }

    /** Starts everything, then blocks until the process is told to stop. */
    void run() throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        new SandboxState("starting", pid, null, List.of()).write(home.stateFile());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            shutdown();
                            stopped.countDown();
                        },
                        "sandbox-shutdown"));
        long start = System.nanoTime();
        try {
            start(pid);
        } catch (RuntimeException e) {
            log.error("Sandbox failed to start", e);
            new SandboxState("failed", pid, e.getMessage(), List.copyOf(components)).write(home.stateFile());
            System.exit(1);
        }
        log.info(
                "Sandbox ready in {} ms",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        stopped.await();
    }

    private void start(long pid) {
        Ports ports = Ports.load(home.root().resolve("ports.properties"));
        long t0 = System.nanoTime();
        ring = EtcdRing.builder()
                .regions(REGIONS)
                .dataRoot(home.etcd())
                .logDir(home.logs())
                .start();
        for (EtcdMember m : ring.members()) {
            components.add(new SandboxState.Component(
                    "etcd-" + m.name(),
                    m.pid(),
                    m.clientUrl(),
                    m.clientUrl() + "/health",
                    m.logFile().toString()));
        }
        log.info("etcd ring healthy after {} ms", millisSince(t0));

        // The six API server JVMs (federation and members) start at once: on two cores that is
        // most of the start-up, and they do not depend on each other.
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> starts = new ArrayList<>();
            for (String region : REGIONS) {
                starts.add(pool.submit(() -> startApiServer(region, ports)));
                starts.add(pool.submit(() -> startMember(region, ports)));
            }
            await(starts);
        }
        for (String region : REGIONS) {
            ApiServerProcess api = apiServers.get(region);
            components.add(new SandboxState.Component(
                    "apiserver-" + region,
                    api.pid(),
                    api.url(),
                    api.url() + "/readyz",
                    api.logFile().toString()));
        }
        for (String region : REGIONS) {
            SimulatedCluster m = members.get(region);
            components.add(new SandboxState.Component(
                    "member-" + region,
                    m.apiServer().pid(),
                    m.apiUrl(),
                    // through the fault proxy: a drill's failure shows in fedctl sandbox status
                    m.apiUrl() + "/readyz",
                    m.apiServer().logFile().toString()));
        }
        log.info("API servers and member clusters ready after {} ms", millisSince(t0));

        String federation = apiServers.get(REGIONS.get(0)).url();
        try (KubernetesClient client = SimulatedCluster.newClient(federation)) {
            for (String region : REGIONS) {
                join(client, members.get(region));
            }
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> starts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    // each replica talks to another region's API server, as replicas in two
                    // datacenters would
                    String api = apiServers.get(REGIONS.get(i)).url();
                    String identity = "controller-" + (i + 1);
                    int port = ports.port("controller-" + (i + 1));
                    starts.add(pool.submit(() -> startController(identity, api, port)));
                }
                await(starts);
            }
            for (ControllerProcess c : controllers) {
                components.add(new SandboxState.Component(
                        c.identity(),
                        c.pid(),
                        c.url(),
                        c.url() + "/actuator/health",
                        c.logFile().toString()));
            }
            awaitClustersReady(
                    client,
                    java.time.Instant.ofEpochMilli(System.currentTimeMillis() - millisSince(t0)),
                    Duration.ofSeconds(120));
        }
        log.info("member clusters joined and Ready after {} ms", millisSince(t0));

        Map<String, String> contexts = new LinkedHashMap<>();
        contexts.put("meridian", federation);
        for (String region : REGIONS) {
            contexts.put("member-" + region, members.get(region).apiUrl());
        }
        Kubeconfigs.write(home.kubeconfig(), contexts, "meridian");
        control = SandboxControl.start(members, ports.port("control"));
        new SandboxState("ready", pid, null, List.copyOf(components), control.url()).write(home.stateFile());
    }

    private void startApiServer(String region, Ports ports) {
        int port = region.equals(REGIONS.get(0)) ? ports.apiServer() : ports.port("apiserver-" + region);
        ApiServerProcess api = ApiServerProcess.builder()
                .name("apiserver-" + region)
                .etcdEndpoints(ring.endpoints())
                .port(port)
                .logFile(home.logs().resolve("apiserver-" + region + ".log"))
                .jvmOptions(JarProcess.smallJvm("320m"))
                .startTimeout(Duration.ofMinutes(2))
                .start();
        synchronized (apiServers) {
            apiServers.put(region, api);
        }
    }

    private void startMember(String region, Ports ports) {
        SimulatedCluster member = SimulatedCluster.builder()
                .name(region)
                .region(region)
                .etcdEndpoints(ring.endpoints())
                .logDir(home.logs())
                .proxyPort(ports.port("member-" + region))
                .apiServer(b -> b.name("member-" + region)
                        .port(ports.port("member-" + region + "-direct"))
                        .logFile(home.logs().resolve("member-" + region + ".log"))
                        .jvmOptions(JarProcess.smallJvm("256m")))
                .start();
        members.put(region, member);
    }

    private void startController(String identity, String api, int port) {
        ControllerProcess c = ControllerProcess.builder()
                .identity(identity)
                .federationApi(api)
                .port(port)
                .logFile(home.logs().resolve(identity + ".log"))
                .jvmOptions(JarProcess.smallJvm("320m"))
                .start();
        synchronized (controllers) {
            controllers.add(c);
            controllers.sort((a, b) -> a.identity().compareTo(b.identity()));
        }
    }

    /** Joins a simulated member cluster in push mode: its credentials Secret and its Cluster. */
    private void join(KubernetesClient client, SimulatedCluster member) {
        Path kubeconfig = member.kubeconfig(home.root().resolve("members").resolve(member.name() + ".kubeconfig"));
        String encoded;
        try {
            encoded = Base64.getEncoder().encodeToString(Files.readAllBytes(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName(member.name() + "-credentials")
                .withNamespace("meridian-system")
                .endMetadata()
                .addToData("kubeconfig", encoded)
                .build();
        client.resource(secret).fieldManager("fedctl-sandbox").forceConflicts().serverSideApply();
        GenericKubernetesResource cluster = new GenericKubernetesResource();
        cluster.setApiVersion("meridian.io/v1alpha1");
        cluster.setKind("Cluster");
        cluster.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(member.name())
                .build());
        cluster.setAdditionalProperty(
                "spec",
                Map.of(
                        "region", member.region(),
                        "zone", member.zone(),
                        "apiEndpoint", member.apiUrl(),
                        "syncMode", "Push",
                        "secretRef", Map.of("namespace", "meridian-system", "name", member.name() + "-credentials")));
        client.genericKubernetesResources(CLUSTERS)
                .resource(cluster)
                .fieldManager("fedctl-sandbox")
                .forceConflicts()
                .serverSideApply();
    }

    /**
     * Waits until every member cluster is Ready on a heartbeat of this run: after a restart the
     * stored status still says Ready from the previous one until the controller has looked.
     */
    private static void awaitClustersReady(KubernetesClient client, java.time.Instant since, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long ready = client.genericKubernetesResources(CLUSTERS).list().getItems().stream()
                    .filter(c -> isReady(c) && heartbeatSince(c, since))
                    .count();
            if (ready >= REGIONS.size()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("the member clusters were not Ready within " + timeout.toSeconds()
                + "s; see the controller logs in the sandbox's log folder");
    }

    private static boolean heartbeatSince(GenericKubernetesResource cluster, java.time.Instant since) {
        Object status = cluster.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !(s.get("lastHeartbeatTime") instanceof String t)) {
            return false;
        }
        try {
            return !java.time.Instant.parse(t).isBefore(since.minusSeconds(1));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean isReady(GenericKubernetesResource cluster) {
        Object status = cluster.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) {
            return false;
        }
        for (Object c : conditions) {
            Map<String, Object> cond = (Map<String, Object>) c;
            if ("Ready".equals(cond.get("type")) && "True".equals(cond.get("status"))) {
                return true;
            }
        }
        return false;
    }

    private void shutdown() {
        log.info("Sandbox stopping");
        List<AutoCloseable> parts = new ArrayList<>();
        if (control != null) {
            parts.add(control);
        }
        parts.addAll(controllers);
        parts.addAll(members.values());
        parts.addAll(apiServers.values());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (AutoCloseable part : parts) {
                pool.submit(() -> {
                    try {
                        part.close();
                    } catch (Exception e) {
                        log.warn("Stopping {} failed: {}", part, e.toString());
                    }
                });
            }
        }
        if (ring != null) {
            ring.close();
        }
        try {
            Files.deleteIfExists(home.stateFile());
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", home.stateFile(), e.getMessage());
        }
        log.info("Sandbox stopped");
    }

    private static void await(List<Future<?>> futures) {
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the sandbox", e);
            } catch (java.util.concurrent.ExecutionException e) {
                RuntimeException cause =
                        e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static long millisSince(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0).toMillis();
    }

    /** Ports that stay the same from one {@code up} to the next, so kubeconfigs keep working. */
    static final class Ports {
        private final Path file;
        private final Properties props = new Properties();

        private Ports(Path file) {
            this.file = file;
        }

        static Ports load(Path file) {
            Ports p = new Ports(file);
            if (Files.isRegularFile(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    p.props.load(r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return p;
        }

        /** The federation API server of the first region: 16443 when it is free. */
        synchronized int apiServer() {
            return port("apiserver", () -> free(PREFERRED_API_PORT) ? PREFERRED_API_PORT : FreePorts.next());
        }

        synchronized int port(String name) {
            return port(name, FreePorts::next);
        }

        private int port(String name, Supplier<Integer> fresh) {
            int port = Integer.parseInt(props.getProperty(name, "0"));
            if (port == 0 || !free(port)) {
                port = fresh.get();
                props.setProperty(name, Integer.toString(port));
                save();
            }
            return port;
        }

        private void save() {
            try {
                Files.createDirectories(file.getParent());
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    props.store(w, "ports of the Meridian sandbox");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static boolean free(int port) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
