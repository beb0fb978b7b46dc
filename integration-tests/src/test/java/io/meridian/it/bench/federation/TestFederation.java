package io.meridian.it.bench.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.api.model.names.Namespaces;
import io.meridian.sandbox.apiserver.ApiServerProcess;
import io.meridian.sandbox.controller.ControllerProcess;
import io.meridian.sandbox.etcd.EtcdMember;
import io.meridian.sandbox.etcd.EtcdRing;
import io.meridian.sandbox.member.VirtualClusters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One federation as the benchmark runs it, every part a process of its own on loopback: a 3-member etcd ring and the
 * federation API server on it, the controller (push mode: the syncers run inside it), and the member clusters —
 * virtual ones ({@link VirtualClusters}: one process hosting every member's API server, on a one-member etcd ring of
 * their own, and a workload simulator per member in this JVM). The members are joined as push-mode Clusters with a
 * credentials Secret each, as {@code fedctl join} writes them.
 */
final class TestFederation implements AutoCloseable {

    private static final String SECRET_TOKEN =
            Base64.getEncoder().encodeToString("bench".getBytes(StandardCharsets.UTF_8));

    private final FederationOptions options;
    private final Path dir;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private EtcdRing ring;
    private EtcdRing memberRing;
    private ApiServerProcess apiServer;
    private VirtualClusters members;
    private volatile ControllerProcess controller;
    private Api api;
    private List<Api> memberApis;
    private List<String> names;
    private int controllers;

    private TestFederation(FederationOptions options, Path dir) {
        this.options = options;
        this.dir = dir;
    }

    /** Starts everything and returns once every member cluster is Ready in the federation. */
    static TestFederation start(FederationOptions options, Path dir, int clusters) throws Exception {
        TestFederation f = new TestFederation(options, dir);
        try {
            f.startAll(clusters);
            return f;
        } catch (Exception | Error e) {
            f.close();
            throw e;
        }
    }

    private void startAll(int clusters) throws Exception {
        names = new ArrayList<>();
        for (int i = 1; i <= clusters; i++) {
            names.add(String.format(Locale.ROOT, "member-%03d", i));
        }
        ring = keep(EtcdRing.builder()
                .members(3)
                .logDir(dir.resolve("etcd"))
                .autoCompactionRetention(Duration.ofMinutes(5))
                .start());
        memberRing = keep(EtcdRing.builder()
                .members(1)
                .logDir(dir.resolve("etcd-members"))
                .autoCompactionRetention(Duration.ofMinutes(5))
                .start());
        FederationBenchmark.progress("etcd up; starting the federation API server");
        apiServer = keep(ApiServerProcess.builder()
                .etcdEndpoints(ring.endpoints())
                .jvmOptions(jvm(options.apiServerJvm(), "federation-api"))
                .logFile(dir.resolve("apiserver.log"))
                .name("federation")
                .startTimeout(Duration.ofMinutes(2))
                .start());
        api = new Api(apiServer.url());
        FederationBenchmark.progress("starting " + clusters + " virtual member clusters");
        long t = System.nanoTime();
        members = keep(VirtualClusters.builder()
                .names(names)
                .etcdEndpoints(memberRing.endpoints())
                .jvmOptions(jvm(options.membersJvm(), "members"))
                .logDir(dir)
                .startTimeout(Duration.ofMinutes(2).plusSeconds(3L * clusters))
                // Kubelets would post node status every 10 s; the federation never sees them, and on two shared
                // cores a hundred members' worth of them is load no real control plane carries.
                .simulator(s ->
                        s.nodes(2).readinessDelay(options.readinessDelay()).heartbeatInterval(Duration.ofSeconds(60)))
                .start());
        FederationBenchmark.progress(String.format(
                Locale.ROOT,
                "%d member clusters up in %.0f s; starting the controller and joining them",
                clusters,
                (System.nanoTime() - t) / 1e9));
        memberApis = members.clusters().stream().map(c -> new Api(c.url())).toList();
        startController();
        join();
        awaitClustersReady(Duration.ofMinutes(3).plusSeconds(clusters));
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + Observer.NAMESPACE + "\"}}");
    }

    /** The JVM options, with a JFR recording to {@code <dir>/<name>.jfr} when asked for. */
    private List<String> jvm(List<String> options, String name) {
        List<String> jvm = new ArrayList<>(options);
        if (this.options.jfr()) {
            jvm.add("-XX:StartFlightRecording=filename=" + dir.resolve(name + ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        return jvm;
    }

    private <T extends AutoCloseable> T keep(T part) {
        parts.add(part);
        return part;
    }

    /** Starts a controller replica with a new identity (a restarted pod has a new name) and waits until it is up. */
    ControllerProcess startController() {
        controllers++;
        String identity = "controller-" + controllers;
        ControllerProcess.Builder builder = ControllerProcess.builder()
                .federationApi(apiServer.url())
                .identity(identity)
                .jvmOptions(jvm(options.controllerJvm(), identity))
                .logFile(dir.resolve(identity + ".log"))
                .startTimeout(Duration.ofMinutes(2));
        for (String property : options.controllerProperties()) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a controller property is key=value, not " + property);
            }
            builder.property(property.substring(0, eq), property.substring(eq + 1));
        }
        controller = builder.start();
        parts.add(controller);
        return controller;
    }

    /** SIGKILL of the controller: it dies without releasing its lease, as a crashed process does. */
    void killController() {
        controller.kill();
    }

    private void join() throws IOException, InterruptedException {
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + Namespaces.SYSTEM + "\"}}");
        for (VirtualClusters.Cluster c : members.clusters()) {
            api.create(
                    "/api/v1/namespaces",
                    "{\"metadata\":{\"name\":\"" + Namespaces.executionNamespace(c.name()) + "\"}}");
            api.create("/api/v1/namespaces/" + Namespaces.SYSTEM + "/secrets", """
                    {"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s-credentials"},"data":{"token":"%s"}}""".formatted(c.name(), SECRET_TOKEN));
            api.create("/apis/meridian.io/v1alpha1/clusters", """
                    {"apiVersion":"meridian.io/v1alpha1","kind":"Cluster","metadata":{"name":"%s"},
                     "spec":{"region":"%s","apiEndpoint":"%s","syncMode":"Push",
                             "secretRef":{"namespace":"%s","name":"%s-credentials"}}}""".formatted(
                            c.name(), c.region(), c.url(), Namespaces.SYSTEM, c.name()));
        }
    }

    private void awaitClustersReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int ready = 0;
        while (System.nanoTime() < deadline) {
            JsonNode list = api.get("/apis/meridian.io/v1alpha1/clusters");
            ready = 0;
            for (JsonNode c : list.path("items")) {
                for (JsonNode cond : c.path("status").path("conditions")) {
                    if ("Ready".equals(cond.path("type").asText())
                            && "True".equals(cond.path("status").asText())) {
                        ready++;
                    }
                }
            }
            if (ready == names.size()) {
                FederationBenchmark.progress("all " + ready + " member clusters are Ready");
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                ready + " of " + names.size() + " member clusters Ready after " + timeout.toSeconds() + " s");
    }

    Api api() {
        return api;
    }

    List<Api> memberApis() {
        return memberApis;
    }

    List<String> clusterNames() {
        return names;
    }

    ControllerProcess controller() {
        return controller;
    }

    ApiServerProcess apiServer() {
        return apiServer;
    }

    VirtualClusters members() {
        return members;
    }

    Path dir() {
        return dir;
    }

    /** CPU groups: this JVM (load generator, watches, member simulators), and each process of the federation. */
    Cpu cpu() {
        return new Cpu()
                .group("bench+simulators", () -> List.of(ProcessHandle.current().pid()))
                .group("federation-api", () -> List.of(apiServer.pid()))
                .group("controller", () -> controller.isRunning() ? List.of(controller.pid()) : List.of())
                .group("members", () -> List.of(members.pid()))
                .group(
                        "etcd",
                        () -> ring.members().stream().map(EtcdMember::pid).toList())
                .group(
                        "etcd-members",
                        () -> memberRing.members().stream().map(EtcdMember::pid).toList());
    }

    /** One scrape of the running controller's metrics. */
    Metrics controllerMetrics() throws IOException, InterruptedException {
        return Metrics.parse(new Api(controller.url()).text("/actuator/metrics"));
    }

    Metrics apiServerMetrics() throws IOException, InterruptedException {
        return Metrics.parse(api.text("/actuator/metrics"));
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "etcd ring (3 members) %s; member etcd (1 member) %s; federation API %s; controller %s (JVM %s);"
                        + " %d member API servers in process %d (JVM %s)",
                String.join(" ", ring.endpoints()),
                String.join(" ", memberRing.endpoints()),
                apiServer.url(),
                controller.url(),
                String.join(" ", options.controllerJvm())
                        + (options.controllerProperties().isEmpty()
                                ? ""
                                : ", " + String.join(" ", options.controllerProperties())),
                names.size(),
                members.pid(),
                String.join(" ", options.membersJvm()));
    }

    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                FederationBenchmark.progress("stopping " + parts.get(i) + " failed: " + e);
            }
        }
        parts.clear();
    }
}
