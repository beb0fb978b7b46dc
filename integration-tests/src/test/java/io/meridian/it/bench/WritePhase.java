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
import io.meridian.sandbox.etcd.EtcdRing;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Phases 1-2: raw jetcd puts and create transactions (the baseline), the same transaction under a prefix watch, and
 * API creates over HTTP, in interleaved windows, with the CPU each process spent; then the load generator alone
 * against a stub, to show it is not the limit.
 */
final class WritePhase {

    static final String WATCHED_TXN = "raw txn, prefix-watched";
    private static final double TARGET_RATIO = 0.5;

    private final BenchmarkOptions options;
    private final ApiClient api;
    private final CpuAccounting cpu;
    private final Report report;
    private final ServerMetrics metrics;
    private final byte[] sampleObject;

    WritePhase(BenchmarkOptions options, ApiClient api, CpuAccounting cpu, Report report, byte[] sampleObject) {
        this.options = options;
        this.api = api;
        this.cpu = cpu;
        this.report = report;
        this.metrics = new ServerMetrics(api);
        this.sampleObject = sampleObject;
    }

    void run(EtcdRing ring, ApiServerProcess server) throws Exception {
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
            String createPath = "/api/v1/namespaces/" + ApiServerBenchmark.CREATE_NS + "/configmaps";
            workloads.put(
                    "API create (HTTP POST)",
                    window -> (c, seq) -> api.create(
                            c, createPath, ApiClient.configMap("c" + window + "-" + c + "-" + seq, Map.of())));

            for (var w : workloads.entrySet()) {
                Report.progress(w.getKey() + ": warm-up " + options.warmup().toMillis() + " ms");
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
                    Report.progress(w.getKey() + ": window " + i + "/" + options.iterations());
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

            report.section(String.format(
                    Locale.ROOT,
                    "1-2. Writes: %d concurrent clients, %d windows of %d s per workload (interleaved), %d s warm-up each",
                    clients,
                    options.iterations(),
                    options.duration().toSeconds(),
                    options.warmup().toSeconds()));
            report.line("value/object size: " + sampleObject.length
                    + " bytes (a created ConfigMap as the server returns it)");
            report.line("'" + WATCHED_TXN + "' is the create txn under a prefix watch with previous values, as the API"
                    + " server watches every resource (" + watchedEvents.sum() + " events seen for >= "
                    + watchedTxns + " measured txns)");
            report.line(String.format(
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
                report.line(String.format(
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
            report.line("");
            report.line("CPU, cores busy on average (of " + Runtime.getRuntime().availableProcessors()
                    + "), and CPU time per operation:");
            for (var e : results.entrySet()) {
                CpuAccounting.Usage usage = e.getValue().stream()
                        .map(ClosedLoop.Window::cpu)
                        .reduce(CpuAccounting.Usage::plus)
                        .orElseThrow();
                long ops = e.getValue().stream()
                        .mapToLong(ClosedLoop.Window::operations)
                        .sum();
                report.line(String.format("  %-24s %s", e.getKey(), usage.cores()));
                report.line(String.format("  %-24s %s", "", usage.perOperation(ops)));
                report.line(String.format(
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
            report.line("");
            report.line(
                    "The machine is CPU-bound in every workload, so throughput ~ (cores not taken by others) / (CPU per"
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
                report.line(String.format(
                        Locale.ROOT,
                        "  %-24s %.2f cores free / %.0f us (API server + etcd) = %.0f ops/s",
                        e.getKey(),
                        free,
                        perOp * 1e6,
                        free / perOp));
            }
            report.line(String.format(
                    Locale.ROOT,
                    "  estimated API create / raw put without the client's CPU: %.0f%%",
                    100 * unloaded.get("API create (HTTP POST)") / unloaded.get("raw jetcd put")));
            results.values().stream()
                    .flatMap(List::stream)
                    .flatMap(x -> x.errorKinds().entrySet().stream())
                    .distinct()
                    .limit(5)
                    .forEach(e -> report.line("  error: " + e.getKey() + " (x" + e.getValue() + ")"));

            ClosedLoop.Window lastApi = results.get("API create (HTTP POST)").getLast();
            double apiMeanNanos = lastApi.latencies().summary().mean();
            report.line("");
            report.line("Where an API create's time goes (means over the measured windows):");
            Samples.Summary apiAll = Samples.merge(results.get("API create (HTTP POST)").stream()
                            .map(ClosedLoop.Window::latencies)
                            .toList())
                    .summary();
            report.line("  end-to-end at the client             " + Samples.Summary.ms(apiAll.mean()));
            if (serverSide != null && serverSide.httpCreate().count() > 0) {
                report.line("  inside the server (servlet filter)   "
                        + Samples.Summary.ms(serverSide.httpCreate().meanNanos()));
            }
            if (serverSide != null && serverSide.etcdCreate().count() > 0) {
                report.line("  of which the etcd txn (server's view) "
                        + Samples.Summary.ms(serverSide.etcdCreate().meanNanos()));
            }
            report.line("  raw jetcd txn from this JVM          "
                    + Samples.Summary.ms(Samples.merge(results.get("raw jetcd txn (create)").stream()
                                    .map(ClosedLoop.Window::latencies)
                                    .toList())
                            .summary()
                            .mean()));
            report.line("  HTTP connections open to the server at the end of a window: " + connections);
            if (Double.isNaN(apiMeanNanos)) {
                report.line("  (no API create completed in the last window)");
            }

            clientCeiling(results.get("API create (HTTP POST)"));

            double ratio = mean.get("API create (HTTP POST)") / mean.get("raw jetcd put");
            report.verdict(String.format(
                    Locale.ROOT,
                    "[%s] API create throughput %.0f/s = %.0f%% of raw jetcd put %.0f/s (target >= %.0f%%)",
                    ratio >= TARGET_RATIO ? "PASS" : "FAIL",
                    mean.get("API create (HTTP POST)"),
                    ratio * 100,
                    mean.get("raw jetcd put"),
                    TARGET_RATIO * 100));
        }
    }

    /**
     * The same HTTP client code against a stub that answers every POST at once with a canned 201: what the load
     * generator can push when the server costs nothing. The stub runs in this JVM, so its CPU counts as the client's.
     */
    private void clientCeiling(List<ClosedLoop.Window> apiWindows) throws Exception {
        Report.progress("client ceiling against an in-process stub");
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
            report.line("");
            report.line(
                    "Is the load generator the limit? The same client against an in-process stub answering 201 at once:");
            report.line(String.format(
                    Locale.ROOT,
                    "  stub: %.0f requests/s, %s; client+stub CPU %.0f us per request",
                    w.throughput(),
                    w.latencies().summary().p50p99(),
                    stubClientCpu * 1e6 / Math.max(1, w.operations())));
            report.line(String.format(
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
}
