package io.meridian.it.bench;

import com.sun.net.httpserver.HttpServer;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.meridian.sandbox.apiserver.ApiServerProcess;
import io.meridian.sandbox.etcd.EtcdMember;
import io.meridian.sandbox.etcd.EtcdRing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.slf4j.LoggerFactory;

/**
 * Measures the API server against the etcd ring it stands on, in one run on one ring: raw jetcd puts (the baseline),
 * API creates over HTTP, lists of 10,000 objects and watch delivery to 1,000 watchers, with the CPU each process used,
 * and says whether the targets are met. Run it through {@code scripts/benchmark-apiserver}; {@code --help} lists the
 * options. It is a program, not a test: {@code ./mvnw verify} never runs it.
 */
public final class ApiServerBenchmark {

    static final String EVENT_ANNOTATION = "bench.meridian.io/event";
    static final String SENT_ANNOTATION = "bench.meridian.io/sent-nanos";
    private static final String WATCHED_TXN = "raw txn, prefix-watched";
    private static final String CREATE_NS = "bench-create";
    private static final String LIST_NS = "bench-list";
    private static final String WATCH_NS = "bench-watch";
    private static final double CREATE_TARGET_RATIO = 0.5;
    private static final double WATCH_TARGET_P99_MS = 100;

    private final BenchmarkOptions options;
    private final Path runDir;
    private final StringBuilder report = new StringBuilder();
    private final List<String> verdicts = new ArrayList<>();
    private CpuAccounting cpu;
    private ApiClient api;
    private ServerMetrics metrics;
    private byte[] sampleObject;
    private ClosedLoop.Window seed;

    private ApiServerBenchmark(BenchmarkOptions options) {
        this.options = options;
        this.runDir = options.out()
                .toAbsolutePath()
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    public static void main(String[] args) {
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
            progress("run directory " + runDir);
            try (EtcdRing ring =
                    EtcdRing.builder().members(3).logDir(runDir.resolve("etcd")).start()) {
                List<String> jvm = new ArrayList<>(options.serverJvm());
                if (options.jfr()) {
                    jvm.add("-XX:StartFlightRecording=filename=" + runDir.resolve("apiserver.jfr")
                            + ",settings=profile,dumponexit=true");
                }
                progress("etcd ring up; starting the API server");
                try (ApiServerProcess server = ApiServerProcess.builder()
                        .etcdEndpoints(ring.endpoints())
                        .jvmOptions(jvm)
                        .logFile(runDir.resolve("apiserver.log"))
                        .name("benchmark")
                        .startTimeout(Duration.ofSeconds(120))
                        .start()) {
                    header(ring, server, jvm);
                    cpu = new CpuAccounting()
                            .group("client", List.of(ProcessHandle.current().pid()))
                            .group("apiserver", List.of(server.pid()))
                            .group(
                                    "etcd",
                                    ring.members().stream().map(EtcdMember::pid).toList());
                    api = new ApiClient(server.url(), options.httpClients());
                    metrics = new ServerMetrics(api);
                    setUp();
                    boolean seeded = !options.phases().contains("list")
                            // Before the throughput phase on purpose: ten thousand creates also bring the server's
                            // create path to compiled, steady-state code.
                            || phase("list (seeding)", this::seedList);
                    if (options.phases().contains("throughput")) {
                        phase("writes", () -> throughput(ring, server));
                    }
                    if (options.phases().contains("list") && seeded) {
                        phase("list", this::list);
                    }
                    if (options.phases().contains("watch")) {
                        phase("watch", () -> watch(server));
                    }
                }
            }
        } catch (Exception e) {
            aborted("the run", e);
        } finally {
            section("Summary");
            line("load average at end: " + MachineInfo.loadAverage());
            verdicts.forEach(this::line);
            if (verdicts.stream().anyMatch(v -> v.startsWith("[ERROR]"))) {
                code = 1;
            } else if (verdicts.stream().anyMatch(v -> v.startsWith("[FAIL]"))) {
                code = 3;
            }
            line("logs and this report: " + runDir);
            System.out.println(report);
            try {
                Files.writeString(runDir.resolve("report.txt"), report);
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
        section("ABORTED: " + what);
        line(trace.toString());
        verdicts.add("[ERROR] " + what + " failed: " + e);
        progress(what + " failed: " + e);
    }

    // ------------------------------------------------------------------ set-up

    private void header(EtcdRing ring, ApiServerProcess server, List<String> serverJvm) {
        section("Meridian API server benchmark, " + LocalDateTime.now().withNano(0));
        Optional<String> etcdBinary = ProcessHandle.of(ring.members().get(0).pid())
                .flatMap(p -> p.info().command());
        MachineInfo.describe(etcdBinary, ring.dataRoot()).forEach((k, v) -> line(String.format("%-24s %s", k, v)));
        line(String.format(
                "%-24s 3 members on loopback, etcd's default timings (heartbeat 100 ms, election 1 s), %s",
                "etcd ring", String.join(" ", ring.endpoints())));
        line(String.format("%-24s %s, JVM options %s", "API server", server.url(), String.join(" ", serverJvm)));
        line(String.format(
                "%-24s this JVM, %s, %d java.net.http clients (HTTP/1.1 keep-alive), raw-socket watch streams",
                "load generator",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                options.httpClients()));
    }

    private void setUp() throws Exception {
        for (String ns : List.of(CREATE_NS, LIST_NS, WATCH_NS)) {
            api.create(0, "/api/v1/namespaces", ApiClient.namespace(ns));
        }
        // A namespace admits objects once the server's namespace index has seen it.
        for (String ns : List.of(CREATE_NS, LIST_NS, WATCH_NS)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    sampleObject = api.create(
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
    }

    // ------------------------------------------------------------------ 1-2: write throughput

    private void throughput(EtcdRing ring, ApiServerProcess server) throws Exception {
        int clients = options.clients();
        AtomicInteger windowIds = new AtomicInteger();
        try (Client etcd = Client.builder()
                // The settings EtcdStore.connect gives the server's own client, so the baseline uses the same
                // channel setup (one gRPC channel, round-robin over the three members).
                .endpoints(ring.endpoints().toArray(String[]::new))
                .connectTimeout(Duration.ofSeconds(3))
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(Duration.ofSeconds(5))
                .retryMaxDuration(Duration.ofSeconds(3))
                .build()) {
            KV kv = etcd.getKVClient();
            byte[] filler = new byte[sampleObject.length];
            Arrays.fill(filler, (byte) 'x');
            ByteSequence value = ByteSequence.from(filler);
            Map<String, IntFunction<ClosedLoop.Operation>> workloads = new LinkedHashMap<>();
            workloads.put(
                    "raw jetcd put",
                    window -> (c, seq) -> kv.put(bytes("/bench/put/" + window + "/" + c + "/" + seq), value)
                            .get(10, TimeUnit.SECONDS));
            workloads.put(
                    "raw jetcd txn (create)",
                    window -> (c, seq) -> createTxn(kv, "/bench/txn/" + window + "/" + c + "/" + seq, value));
            // The API server keeps a prefix watch with previous values on every resource: the same txn under such a
            // watch shows what that costs etcd, apart from anything the server does.
            LongAdder watchedEvents = new LongAdder();
            Watch.Watcher txnWatch = etcd.getWatchClient()
                    .watch(
                            bytes("/bench/wtxn/"),
                            WatchOption.builder()
                                    .isPrefix(true)
                                    .withPrevKV(true)
                                    .withProgressNotify(true)
                                    .build(),
                            response -> watchedEvents.add(response.getEvents().size()));
            workloads.put(
                    WATCHED_TXN,
                    window -> (c, seq) -> createTxn(kv, "/bench/wtxn/" + window + "/" + c + "/" + seq, value));
            String createPath = "/api/v1/namespaces/" + CREATE_NS + "/configmaps";
            workloads.put(
                    "API create (HTTP POST)",
                    window -> (c, seq) -> api.create(
                            c, createPath, ApiClient.configMap("c" + window + "-" + c + "-" + seq, Map.of())));

            for (var w : workloads.entrySet()) {
                progress(w.getKey() + ": warm-up " + options.warmup().toMillis() + " ms");
                ClosedLoop.Window warm = ClosedLoop.forDuration(
                        clients, options.warmup(), cpu, w.getValue().apply(windowIds.incrementAndGet()));
                if (warm.operations() == 0) {
                    throw new IllegalStateException(
                            w.getKey() + " completed nothing during warm-up: " + warm.errorKinds());
                }
            }
            Map<String, List<ClosedLoop.Window>> results = new LinkedHashMap<>();
            ServerMetrics.Reading serverSide = null;
            int connections = 0;
            for (int i = 1; i <= options.iterations(); i++) {
                for (var w : workloads.entrySet()) {
                    progress(w.getKey() + ": window " + i + "/" + options.iterations());
                    boolean isApi = w.getKey().startsWith("API");
                    ServerMetrics.Reading before = isApi ? metrics.read() : null;
                    ClosedLoop.Window window = ClosedLoop.forDuration(
                            clients, options.duration(), cpu, w.getValue().apply(windowIds.incrementAndGet()));
                    if (isApi) {
                        connections = Math.max(connections, ConnectionCount.established(server.port()));
                        ServerMetrics.Reading after = metrics.read();
                        if (before != null && after != null) {
                            ServerMetrics.Reading delta = after.minus(before);
                            serverSide = serverSide == null ? delta : serverSide.plus(delta);
                        }
                    }
                    results.computeIfAbsent(w.getKey(), k -> new ArrayList<>()).add(window);
                }
            }

            txnWatch.close();
            long watchedTxns = results.get(WATCHED_TXN).stream()
                    .mapToLong(ClosedLoop.Window::operations)
                    .sum();

            section(String.format(
                    Locale.ROOT,
                    "1-2. Writes: %d concurrent clients, %d windows of %d s per workload (interleaved), %d s warm-up each",
                    clients,
                    options.iterations(),
                    options.duration().toSeconds(),
                    options.warmup().toSeconds()));
            line("value/object size: " + sampleObject.length + " bytes (a created ConfigMap as the server returns it)");
            line("'" + WATCHED_TXN + "' is the create txn under a prefix watch with previous values, as the API"
                    + " server watches every resource (" + watchedEvents.sum() + " events seen for >= "
                    + watchedTxns + " measured txns)");
            line(String.format(
                    "%-24s %-26s %10s %10s %10s %10s %7s",
                    "workload", "ops/s per window", "mean ops/s", "p50", "p99", "max", "errors"));
            Map<String, Double> mean = new LinkedHashMap<>();
            for (var e : results.entrySet()) {
                List<ClosedLoop.Window> ws = e.getValue();
                Samples.Summary s = Samples.merge(
                                ws.stream().map(ClosedLoop.Window::latencies).toList())
                        .summary();
                long ops = ws.stream().mapToLong(ClosedLoop.Window::operations).sum();
                double seconds =
                        ws.stream().mapToDouble(ClosedLoop.Window::seconds).sum();
                mean.put(e.getKey(), ops / seconds);
                line(String.format(
                        Locale.ROOT,
                        "%-24s %-26s %10.0f %10s %10s %10s %7d",
                        e.getKey(),
                        String.join(
                                " / ",
                                ws.stream()
                                        .map(x -> String.format(Locale.ROOT, "%.0f", x.throughput()))
                                        .toList()),
                        ops / seconds,
                        Samples.Summary.ms(s.p50()),
                        Samples.Summary.ms(s.p99()),
                        Samples.Summary.ms(s.max()),
                        ws.stream().mapToLong(ClosedLoop.Window::errors).sum()));
            }
            line("");
            line("CPU, cores busy on average (of " + Runtime.getRuntime().availableProcessors()
                    + "), and CPU time per operation:");
            for (var e : results.entrySet()) {
                CpuAccounting.Usage usage = e.getValue().stream()
                        .map(ClosedLoop.Window::cpu)
                        .reduce(CpuAccounting.Usage::plus)
                        .orElseThrow();
                long ops = e.getValue().stream()
                        .mapToLong(ClosedLoop.Window::operations)
                        .sum();
                line(String.format("  %-24s %s", e.getKey(), usage.cores()));
                line(String.format("  %-24s %s", "", usage.perOperation(ops)));
                line(String.format(
                        "  %-24s other processes per window: %s",
                        "",
                        String.join(
                                " / ",
                                e.getValue().stream()
                                        .map(w -> String.format(
                                                Locale.ROOT,
                                                "%.2f",
                                                w.cpu().cpuSeconds().get("other")
                                                        / w.cpu().wallSeconds()))
                                        .toList())));
            }
            line("");
            line("The machine is CPU-bound in every workload, so throughput ~ (cores not taken by others) / (CPU per"
                    + " operation). Without the load generator's share (as if it ran elsewhere):");
            Map<String, Double> unloaded = new LinkedHashMap<>();
            for (var e : results.entrySet()) {
                CpuAccounting.Usage usage = e.getValue().stream()
                        .map(ClosedLoop.Window::cpu)
                        .reduce(CpuAccounting.Usage::plus)
                        .orElseThrow();
                long ops = e.getValue().stream()
                        .mapToLong(ClosedLoop.Window::operations)
                        .sum();
                double free = Runtime.getRuntime().availableProcessors()
                        - usage.cpuSeconds().get("other") / usage.wallSeconds();
                double perOp = (usage.cpuSeconds().get("apiserver")
                                + usage.cpuSeconds().get("etcd"))
                        / ops;
                unloaded.put(e.getKey(), free / perOp);
                line(String.format(
                        Locale.ROOT,
                        "  %-24s %.2f cores free / %.0f us (API server + etcd) = %.0f ops/s",
                        e.getKey(),
                        free,
                        perOp * 1e6,
                        free / perOp));
            }
            line(String.format(
                    Locale.ROOT,
                    "  estimated API create / raw put without the client's CPU: %.0f%%",
                    100 * unloaded.get("API create (HTTP POST)") / unloaded.get("raw jetcd put")));
            results.values().stream()
                    .flatMap(List::stream)
                    .flatMap(x -> x.errorKinds().entrySet().stream())
                    .distinct()
                    .limit(5)
                    .forEach(e -> line("  error: " + e.getKey() + " (x" + e.getValue() + ")"));

            ClosedLoop.Window lastApi = results.get("API create (HTTP POST)").getLast();
            double apiMeanNanos = lastApi.latencies().summary().mean();
            line("");
            line("Where an API create's time goes (means over the measured windows):");
            Samples.Summary apiAll = Samples.merge(results.get("API create (HTTP POST)").stream()
                            .map(ClosedLoop.Window::latencies)
                            .toList())
                    .summary();
            line("  end-to-end at the client             " + Samples.Summary.ms(apiAll.mean()));
            if (serverSide != null && serverSide.httpCreate().count() > 0) {
                line("  inside the server (servlet filter)   "
                        + Samples.Summary.ms(serverSide.httpCreate().meanNanos()));
            }
            if (serverSide != null && serverSide.etcdCreate().count() > 0) {
                line("  of which the etcd txn (server's view) "
                        + Samples.Summary.ms(serverSide.etcdCreate().meanNanos()));
            }
            line("  raw jetcd txn from this JVM          "
                    + Samples.Summary.ms(Samples.merge(results.get("raw jetcd txn (create)").stream()
                                    .map(ClosedLoop.Window::latencies)
                                    .toList())
                            .summary()
                            .mean()));
            line("  HTTP connections open to the server at the end of a window: " + connections);
            if (Double.isNaN(apiMeanNanos)) {
                line("  (no API create completed in the last window)");
            }

            clientCeiling(results.get("API create (HTTP POST)"));

            double ratio = mean.get("API create (HTTP POST)") / mean.get("raw jetcd put");
            verdicts.add(String.format(
                    Locale.ROOT,
                    "[%s] API create throughput %.0f/s = %.0f%% of raw jetcd put %.0f/s (target >= %.0f%%)",
                    ratio >= CREATE_TARGET_RATIO ? "PASS" : "FAIL",
                    mean.get("API create (HTTP POST)"),
                    ratio * 100,
                    mean.get("raw jetcd put"),
                    CREATE_TARGET_RATIO * 100));
        }
    }

    /**
     * The same HTTP client code against a stub that answers every POST at once with a canned 201: what the load
     * generator can push when the server costs nothing. The stub runs in this JVM, so its CPU counts as the client's.
     */
    private void clientCeiling(List<ClosedLoop.Window> apiWindows) throws Exception {
        progress("client ceiling against an in-process stub");
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        stub.setExecutor(executor);
        byte[] canned = sampleObject;
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, canned.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(canned);
            }
        });
        stub.start();
        try {
            ApiClient stubClient =
                    new ApiClient("http://127.0.0.1:" + stub.getAddress().getPort(), options.httpClients());
            ClosedLoop.Operation op = (c, seq) -> stubClient.create(
                    c, "/api/v1/namespaces/x/configmaps", ApiClient.configMap("s-" + c + "-" + seq, Map.of()));
            ClosedLoop.forDuration(options.clients(), Duration.ofSeconds(2), cpu, op);
            ClosedLoop.Window w = ClosedLoop.forDuration(options.clients(), options.duration(), cpu, op);
            long apiOps =
                    apiWindows.stream().mapToLong(ClosedLoop.Window::operations).sum();
            double apiClientCpu = apiWindows.stream()
                    .mapToDouble(x -> x.cpu().cpuSeconds().get("client"))
                    .sum();
            double apiSeconds =
                    apiWindows.stream().mapToDouble(ClosedLoop.Window::seconds).sum();
            double stubClientCpu = w.cpu().cpuSeconds().get("client");
            line("");
            line("Is the load generator the limit? The same client against an in-process stub answering 201 at once:");
            line(String.format(
                    Locale.ROOT,
                    "  stub: %.0f requests/s, %s; client+stub CPU %.0f us per request",
                    w.throughput(),
                    w.latencies().summary().p50p99(),
                    stubClientCpu * 1e6 / Math.max(1, w.operations())));
            line(String.format(
                    Locale.ROOT,
                    "  during API creates the client used %.2f cores (%.0f us per request): alone on the %d cores it"
                            + " could send about %.0f requests/s",
                    apiClientCpu / apiSeconds,
                    apiClientCpu * 1e6 / Math.max(1, apiOps),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors() / (apiClientCpu / Math.max(1, apiOps))));
        } finally {
            stub.stop(0);
            executor.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ 3: lists

    private void seedList() throws Exception {
        int n = options.listObjects();
        String path = "/api/v1/namespaces/" + LIST_NS + "/configmaps";
        progress("list: creating " + n + " ConfigMaps through the API (also the server's JIT warm-up)");
        seed = ClosedLoop.forCount(
                options.clients(),
                n - 1, // the probe made at set-up is one of them
                Duration.ofMinutes(15),
                cpu,
                (c, seq) -> api.create(c, path, ApiClient.configMap(String.format("item-%05d", seq), Map.of())));
    }

    private void list() throws Exception {
        int n = options.listObjects();
        String path = "/api/v1/namespaces/" + LIST_NS + "/configmaps";
        byte[] first = api.get(path);
        int present = ApiClient.countItems(first);
        section(String.format(Locale.ROOT, "3. Lists of %d ConfigMaps in one namespace", n));
        line(String.format(
                Locale.ROOT,
                "seeded through the API before the write phase: %d creates in %.1f s = %.0f/s, %s, %d errors;"
                        + " the list holds %d items, %d bytes",
                seed.operations(),
                seed.seconds(),
                seed.throughput(),
                seed.latencies().summary().p50p99(),
                seed.errors(),
                present,
                first.length));
        if (present != n) {
            line("  WARNING: expected " + n + " items");
        }

        progress("list: unpaged");
        Samples unpaged = new Samples();
        CpuAccounting.Snapshot before = cpu.snapshot();
        for (int rep = -2; rep < options.listRepetitions(); rep++) {
            long t0 = System.nanoTime();
            byte[] body = api.get(path);
            long t1 = System.nanoTime();
            if (rep >= 0) {
                unpaged.add(t1 - t0);
            }
            if (rep == 0 && ApiClient.countItems(body) != present) {
                line("  WARNING: an unpaged list returned " + ApiClient.countItems(body) + " items");
            }
        }
        CpuAccounting.Usage unpagedCpu = CpuAccounting.between(before, cpu.snapshot());

        progress("list: paged, limit " + options.listPageSize());
        Samples paged = new Samples();
        Samples pages = new Samples();
        int pageCount = 0;
        before = cpu.snapshot();
        for (int rep = -2; rep < options.listRepetitions(); rep++) {
            List<byte[]> bodies = new ArrayList<>();
            String cont = null;
            long t0 = System.nanoTime();
            do {
                long p0 = System.nanoTime();
                byte[] body = api.get(path + "?limit=" + options.listPageSize()
                        + (cont == null ? "" : "&continue=" + URLEncoder.encode(cont, StandardCharsets.UTF_8)));
                if (rep >= 0) {
                    pages.add(System.nanoTime() - p0);
                }
                bodies.add(body);
                cont = ApiClient.metadata(body, "continue");
            } while (cont != null && !cont.isEmpty());
            long t1 = System.nanoTime();
            if (rep >= 0) {
                paged.add(t1 - t0);
            }
            if (rep == 0) {
                int items = 0;
                for (byte[] b : bodies) {
                    items += ApiClient.countItems(b);
                }
                pageCount = bodies.size();
                if (items != present) {
                    line("  WARNING: a paged list returned " + items + " items");
                }
            }
        }
        CpuAccounting.Usage pagedCpu = CpuAccounting.between(before, cpu.snapshot());

        line(String.format(
                Locale.ROOT,
                "%d timed repetitions of each after 2 untimed ones, one after the other on one connection:",
                options.listRepetitions()));
        line("  unpaged list            " + unpaged.summary().full());
        line("  paged list (limit " + options.listPageSize() + ", " + pageCount + " pages) "
                + paged.summary().full());
        line("  one page of " + options.listPageSize() + "        "
                + pages.summary().full());
        line("  CPU per unpaged list: " + unpagedCpu.perOperation(options.listRepetitions() + 2));
        line("  CPU per paged list:   " + pagedCpu.perOperation(options.listRepetitions() + 2));
        if (options.listRepetitions() < 100) {
            line("  (with fewer than 100 repetitions p99 is the slowest one)");
        }
    }

    // ------------------------------------------------------------------ 4: watch

    private void watch(ApiServerProcess server) throws Exception {
        int watchers = options.watchers();
        int perRound = options.watchEvents();
        int warmEvents = Math.max(10, perRound / 5);
        int rounds = options.watchRounds();
        int total = warmEvents + rounds * perRound;
        long[] sent = new long[total];
        long[] acked = new long[total];
        long[][] received = new long[watchers][total];
        long[][] fromSend = new long[watchers][total];
        LongAdder[] delivered = new LongAdder[rounds + 1];
        for (int i = 0; i < delivered.length; i++) {
            delivered[i] = new LongAdder();
        }
        AtomicLong duplicates = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        AtomicLong streamErrors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        byte[] addedPrefix = "{\"type\":\"ADDED\"".getBytes(StandardCharsets.US_ASCII);
        byte[] eventKey = ("\"" + EVENT_ANNOTATION + "\":\"").getBytes(StandardCharsets.US_ASCII);
        byte[] sentKey = ("\"" + SENT_ANNOTATION + "\":\"").getBytes(StandardCharsets.US_ASCII);

        String collection = "/api/v1/namespaces/" + WATCH_NS + "/configmaps";
        String rv = ApiClient.metadata(api.get(collection + "?limit=1"), "resourceVersion");
        String watchPath = collection + "?watch=true&resourceVersion=" + rv + "&timeoutSeconds=3600";

        progress("watch: opening " + watchers + " watch streams");
        List<WatchStream> streams = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch opened = new CountDownLatch(watchers);
        AtomicInteger openFailures = new AtomicInteger();
        Semaphore connecting = new Semaphore(64);
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        long openStart = System.nanoTime();
        for (int w = 0; w < watchers; w++) {
            int watcher = w;
            threads.add(Thread.ofVirtual().name("watch-", w).start(() -> {
                WatchStream stream = new WatchStream();
                streams.add(stream);
                try {
                    connecting.acquire();
                    try {
                        stream.open("127.0.0.1", server.port(), watchPath);
                    } finally {
                        connecting.release();
                    }
                } catch (Exception e) {
                    openFailures.incrementAndGet();
                    firstError.compareAndSet(null, "open: " + e);
                    opened.countDown();
                    return;
                }
                opened.countDown();
                try {
                    stream.pump((buf, from, to, now) -> {
                        if (!startsWith(buf, from, to, addedPrefix)) {
                            if (startsWith(buf, from, to, "{\"type\":\"ERROR\"".getBytes(StandardCharsets.US_ASCII))) {
                                streamErrors.incrementAndGet();
                                firstError.compareAndSet(
                                        null, new String(buf, from, to - from, StandardCharsets.UTF_8));
                            } else {
                                unexpected.incrementAndGet();
                            }
                            return;
                        }
                        long g = numberAfter(buf, from, to, eventKey);
                        long sentAt = numberAfter(buf, from, to, sentKey);
                        if (g < 0 || g >= total || sentAt < 0) {
                            unexpected.incrementAndGet();
                            return;
                        }
                        int event = (int) g;
                        if (received[watcher][event] != 0) {
                            duplicates.incrementAndGet();
                            return;
                        }
                        received[watcher][event] = now;
                        fromSend[watcher][event] = now - sentAt;
                        delivered[event < warmEvents ? 0 : 1 + (event - warmEvents) / perRound].increment();
                    });
                } catch (IOException e) {
                    if (!closing.get()) {
                        streamErrors.incrementAndGet();
                        firstError.compareAndSet(null, "stream: " + e);
                    }
                }
            }));
        }
        if (!opened.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the watch streams did not open within 5 minutes");
        }
        double openSeconds = (System.nanoTime() - openStart) / 1e9;

        String writePath = collection;
        List<Samples> writeLatency = new ArrayList<>();
        List<CpuAccounting.Usage> roundCpu = new ArrayList<>();
        List<Double> roundDrain = new ArrayList<>();
        AtomicLong writeErrors = new AtomicLong();
        long interval = (long) (1e9 / options.watchRate());
        for (int round = 0; round <= rounds; round++) {
            int firstEvent = round == 0 ? 0 : warmEvents + (round - 1) * perRound;
            int count = round == 0 ? warmEvents : perRound;
            progress("watch: " + (round == 0 ? "warm-up" : "round " + round + "/" + rounds) + ", " + count
                    + " writes at " + options.watchRate() + "/s to " + watchers + " watchers");
            CpuAccounting.Snapshot before = cpu.snapshot();
            List<Thread> writes = new ArrayList<>();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            for (int k = 0; k < count; k++) {
                long due = start + k * interval;
                long left;
                while ((left = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(left);
                }
                int event = firstEvent + k;
                writes.add(Thread.ofVirtual().start(() -> {
                    long now = System.nanoTime();
                    sent[event] = now;
                    byte[] body = ApiClient.configMap(
                            "ev-" + event,
                            Map.of(EVENT_ANNOTATION, Integer.toString(event), SENT_ANNOTATION, Long.toString(now)));
                    try {
                        api.create(event, writePath, body);
                        acked[event] = System.nanoTime();
                    } catch (Exception e) {
                        writeErrors.incrementAndGet();
                        firstError.compareAndSet(null, "write: " + e);
                    }
                }));
            }
            for (Thread t : writes) {
                t.join();
            }
            long expected = (long) (watchers - openFailures.get()) * count;
            long drainStart = System.nanoTime();
            long deadline = drainStart + TimeUnit.SECONDS.toNanos(20);
            while (delivered[round].sum() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            roundDrain.add((System.nanoTime() - drainStart) / 1e9);
            roundCpu.add(CpuAccounting.between(before, cpu.snapshot()));
            Samples wl = new Samples();
            for (int e = firstEvent; e < firstEvent + count; e++) {
                if (acked[e] != 0) {
                    wl.add(acked[e] - sent[e]);
                }
            }
            writeLatency.add(wl);
        }
        closing.set(true);
        streams.forEach(WatchStream::close);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(10));
        }

        section(String.format(
                Locale.ROOT,
                "4. Watch delivery: %d watch streams on one resource (ConfigMaps in %s), %d rounds of %d creates at"
                        + " %.0f/s after a warm-up round of %d",
                watchers,
                WATCH_NS,
                rounds,
                perRound,
                options.watchRate(),
                warmEvents));
        line(String.format(
                Locale.ROOT,
                "opened %d streams in %.1f s (%d failed); latency = arrival of the event's last byte at a watcher minus"
                        + " the create's send time (embedded in the object) or its 201 (ack), same JVM clock",
                watchers - openFailures.get(),
                openSeconds,
                openFailures.get()));
        List<Samples> allSend = new ArrayList<>();
        List<Samples> allAck = new ArrayList<>();
        long allDelivered = 0;
        long allExpected = 0;
        long beforeAck = 0;
        for (int round = 1; round <= rounds; round++) {
            int firstEvent = warmEvents + (round - 1) * perRound;
            Samples send = new Samples();
            Samples ack = new Samples();
            for (int w = 0; w < watchers; w++) {
                for (int e = firstEvent; e < firstEvent + perRound; e++) {
                    if (received[w][e] != 0) {
                        send.add(fromSend[w][e]);
                        if (acked[e] != 0) {
                            ack.add(Math.max(0, received[w][e] - acked[e]));
                        }
                    }
                }
            }
            long expected = (long) watchers * perRound;
            for (int w = 0; w < watchers; w++) {
                for (int e = firstEvent; e < firstEvent + perRound; e++) {
                    if (received[w][e] != 0 && acked[e] != 0 && received[w][e] < acked[e]) {
                        beforeAck++;
                    }
                }
            }
            allDelivered += send.size();
            allExpected += expected;
            allSend.add(send);
            allAck.add(ack);
            CpuAccounting.Usage u = roundCpu.get(round);
            line(String.format(
                    Locale.ROOT,
                    "round %d: delivered %d of %d; from send %s; from ack p99 %s; writes %s; drained %.2f s after"
                            + " the last ack",
                    round,
                    send.size(),
                    expected,
                    send.summary().p50p99() + "  max "
                            + Samples.Summary.ms(send.summary().max()),
                    Samples.Summary.ms(ack.summary().p99()),
                    writeLatency.get(round).summary().p50p99(),
                    roundDrain.get(round)));
            line("         cores busy: " + u.cores());
        }
        Samples.Summary send = Samples.merge(allSend).summary();
        Samples.Summary ack = Samples.merge(allAck).summary();
        line(String.format(
                Locale.ROOT,
                "all rounds: delivered %d of %d watcher-events (%.3f%%)",
                allDelivered,
                allExpected,
                100.0 * allDelivered / Math.max(1, allExpected)));
        line("  from send  " + send.full());
        line("  from ack   " + ack.full()
                + String.format(
                        Locale.ROOT,
                        "; %.0f%% arrived before the create's 201 (counted as 0)",
                        100.0 * beforeAck / Math.max(1, allDelivered)));
        line("  writes     "
                + Samples.merge(writeLatency.subList(1, writeLatency.size()))
                        .summary()
                        .full());
        line(String.format(
                Locale.ROOT,
                "  warm-up round delivered %d of %d; duplicates %d, unexpected lines %d, stream errors %d, write"
                        + " errors %d",
                delivered[0].sum(),
                (long) watchers * warmEvents,
                duplicates.get(),
                unexpected.get(),
                streamErrors.get(),
                writeErrors.get()));
        if (firstError.get() != null) {
            line("  first error: " + firstError.get());
        }
        CpuAccounting.Usage watchCpu = roundCpu.subList(1, roundCpu.size()).stream()
                .reduce(CpuAccounting.Usage::plus)
                .orElseThrow();
        line("  CPU per delivered watcher-event: " + watchCpu.perOperation(allDelivered));

        boolean complete = allDelivered == allExpected;
        double p99 = send.p99() / 1e6;
        verdicts.add(String.format(
                Locale.ROOT,
                "[%s] watch delivery p99 %.1f ms from send (%.1f ms from ack) at %d watchers, %d of %d delivered"
                        + " (target p99 < %.0f ms, all delivered)",
                complete && p99 < WATCH_TARGET_P99_MS ? "PASS" : "FAIL",
                p99,
                ack.p99() / 1e6,
                watchers,
                allDelivered,
                allExpected,
                WATCH_TARGET_P99_MS));
    }

    // ------------------------------------------------------------------ helpers

    private static boolean startsWith(byte[] buf, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number right after {@code key} in {@code buf[from, to)}, or -1. */
    static long numberAfter(byte[] buf, int from, int to, byte[] key) {
        outer:
        for (int i = from; i <= to - key.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (buf[i + j] != key[j]) {
                    continue outer;
                }
            }
            long n = 0;
            int k = i + key.length;
            if (k >= to || buf[k] < '0' || buf[k] > '9') {
                return -1;
            }
            while (k < to && buf[k] >= '0' && buf[k] <= '9') {
                n = n * 10 + (buf[k++] - '0');
            }
            return n;
        }
        return -1;
    }

    /** The API server's create: put only if the key has never been written (version 0), else read it. */
    private static void createTxn(KV kv, String name, ByteSequence value) throws Exception {
        ByteSequence key = bytes(name);
        boolean created = kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0)))
                .Then(Op.put(key, value, PutOption.DEFAULT))
                .Else(Op.get(key, GetOption.DEFAULT))
                .commit()
                .get(10, TimeUnit.SECONDS)
                .isSucceeded();
        if (!created) {
            throw new IllegalStateException("key " + name + " existed");
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private void section(String title) {
        report.append('\n').append(title).append('\n').append("-".repeat(Math.min(120, title.length())));
        report.append('\n');
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    private static void progress(String message) {
        System.err.println("[benchmark " + LocalDateTime.now().withNano(0).toLocalTime() + "] " + message);
    }

    /** jetcd, gRPC and Netty log at DEBUG under logback's default configuration: keep the report readable. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
