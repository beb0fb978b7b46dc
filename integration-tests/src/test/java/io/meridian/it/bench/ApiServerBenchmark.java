package io.meridian.it.bench;

import io.meridian.sandbox.apiserver.ApiServerProcess;
import io.meridian.sandbox.etcd.EtcdMember;
import io.meridian.sandbox.etcd.EtcdRing;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Measures the API server against the etcd ring it stands on, in one run on one ring: raw jetcd puts (the baseline),
 * API creates over HTTP, lists of 10,000 objects and watch delivery to 1,000 watchers, with the CPU each process used,
 * and says whether the targets are met. Run it through {@code scripts/benchmark-apiserver}; {@code --help} lists the
 * options. It is a program, not a test: {@code ./mvnw verify} never runs it.
 */
public final class ApiServerBenchmark {

    static final String CREATE_NS = "bench-create";
    static final String LIST_NS = "bench-list";
    static final String WATCH_NS = "bench-watch";

    private final BenchmarkOptions options;
    private final Path runDir;
    private final Report report = new Report();

    private ApiServerBenchmark(BenchmarkOptions options) {
        this.options = options;
        this.runDir = options.out()
                .toAbsolutePath()
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(BenchmarkOptions.usage());
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        quietLogging();
        System.exit(new ApiServerBenchmark(options).run());
    }

    private int run() {
        int code = 0;
        try {
            Files.createDirectories(runDir);
            Report.progress("run directory " + runDir);
            try (EtcdRing ring =
                    EtcdRing.builder().members(3).logDir(runDir.resolve("etcd")).start()) {
                List<String> jvm = new ArrayList<>(options.serverJvm());
                if (options.jfr()) {
                    jvm.add("-XX:StartFlightRecording=filename=" + runDir.resolve("apiserver.jfr")
                            + ",settings=profile,dumponexit=true");
                }
                Report.progress("etcd ring up; starting the API server");
                try (ApiServerProcess server = ApiServerProcess.builder()
                        .etcdEndpoints(ring.endpoints())
                        .jvmOptions(jvm)
                        .logFile(runDir.resolve("apiserver.log"))
                        .name("benchmark")
                        .startTimeout(Duration.ofSeconds(120))
                        .start()) {
                    header(ring, server, jvm);
                    CpuAccounting cpu = new CpuAccounting()
                            .group("client", List.of(ProcessHandle.current().pid()))
                            .group("apiserver", List.of(server.pid()))
                            .group(
                                    "etcd",
                                    ring.members().stream().map(EtcdMember::pid).toList());
                    ApiClient api = new ApiClient(server.url(), options.httpClients());
                    byte[] sampleObject = setUp(api);
                    ListPhase lists = new ListPhase(options, api, cpu, report);
                    boolean seeded = !options.phases().contains("list")
                            // Before the write phase on purpose: ten thousand creates also bring the server's
                            // create path to compiled, steady-state code.
                            || phase("list (seeding)", lists::seed);
                    if (options.phases().contains("throughput")) {
                        phase(
                                "writes",
                                () -> new WritePhase(options, api, cpu, report, sampleObject).run(ring, server));
                    }
                    if (options.phases().contains("list") && seeded) {
                        phase("list", lists::measure);
                    }
                    if (options.phases().contains("watch")) {
                        phase("watch", () -> new WatchPhase(options, api, cpu, report).run(server));
                    }
                }
            }
        } catch (Exception e) {
            aborted("the run", e);
        } finally {
            report.section("Summary");
            report.line("load average at end: " + MachineInfo.loadAverage());
            List<String> verdicts = report.verdicts();
            verdicts.forEach(report::line);
            if (verdicts.stream().anyMatch(v -> v.startsWith("[ERROR]"))) {
                code = 1;
            } else if (verdicts.stream().anyMatch(v -> v.startsWith("[FAIL]"))) {
                code = 3;
            }
            report.line("logs and this report: " + runDir);
            System.out.println(report);
            try {
                Files.writeString(runDir.resolve("report.txt"), report.toString());
            } catch (IOException e) {
                System.err.println("cannot write the report file: " + e.getMessage());
            }
        }
        return code;
    }

    /** A failing phase is reported and the others still run: a list that fails says nothing about watches. */
    private boolean phase(String name, Phase body) {
        try {
            body.run();
            return true;
        } catch (Exception e) {
            aborted(name, e);
            return false;
        }
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    private void aborted(String what, Exception e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        report.section("ABORTED: " + what);
        report.line(trace.toString());
        report.verdict("[ERROR] " + what + " failed: " + e);
        Report.progress(what + " failed: " + e);
    }

    // ------------------------------------------------------------------ set-up

    private void header(EtcdRing ring, ApiServerProcess server, List<String> serverJvm) {
        report.section("Meridian API server benchmark, " + LocalDateTime.now().withNano(0));
        Optional<String> etcdBinary = ProcessHandle.of(ring.members().get(0).pid())
                .flatMap(p -> p.info().command());
        MachineInfo.describe(etcdBinary, ring.dataRoot())
                .forEach((k, v) -> report.line(String.format("%-24s %s", k, v)));
        report.line(String.format(
                "%-24s 3 members on loopback, etcd's default timings (heartbeat 100 ms, election 1 s), %s",
                "etcd ring", String.join(" ", ring.endpoints())));
        report.line(String.format("%-24s %s, JVM options %s", "API server", server.url(), String.join(" ", serverJvm)));
        report.line(String.format(
                "%-24s this JVM, %s, %d java.net.http clients (HTTP/1.1 keep-alive), raw-socket watch streams",
                "load generator",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                options.httpClients()));
    }

    /** Creates the namespaces and returns a created ConfigMap as the server answers it (its size is the baseline's). */
    private static byte[] setUp(ApiClient api) throws Exception {
        for (String ns : List.of(CREATE_NS, LIST_NS, WATCH_NS)) {
            api.create(0, "/api/v1/namespaces", ApiClient.namespace(ns));
        }
        byte[] created = null;
        // A namespace admits objects once the server's namespace index has seen it.
        for (String ns : List.of(CREATE_NS, LIST_NS, WATCH_NS)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    created = api.create(
                            0, "/api/v1/namespaces/" + ns + "/configmaps", ApiClient.configMap("probe", Map.of()));
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }
        return created;
    }

    /** jetcd, gRPC and Netty log at DEBUG under logback's default configuration: keep the report readable. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
