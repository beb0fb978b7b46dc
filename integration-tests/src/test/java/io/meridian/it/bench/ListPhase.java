package io.meridian.it.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Phase 3: a namespace of {@code --list-objects} ConfigMaps, created through the API, then listed whole and in pages,
 * one list at a time.
 */
final class ListPhase {

    private final BenchmarkOptions options;
    private final ApiClient api;
    private final CpuAccounting cpu;
    private final Report report;
    private ClosedLoop.Window seed;

    ListPhase(BenchmarkOptions options, ApiClient api, CpuAccounting cpu, Report report) {
        this.options = options;
        this.api = api;
        this.cpu = cpu;
        this.report = report;
    }

    /** Creates the objects; run before the write phase, it doubles as the server's JIT warm-up. */
    void seed() throws Exception {
        int n = options.listObjects();
        String path = "/api/v1/namespaces/" + ApiServerBenchmark.LIST_NS + "/configmaps";
        Report.progress("list: creating " + n + " ConfigMaps through the API (also the server's JIT warm-up)");
        seed = ClosedLoop.forCount(
                options.clients(),
                n - 1, // the probe made at set-up is one of them
                Duration.ofMinutes(15),
                cpu,
                (c, seq) -> api.create(c, path, ApiClient.configMap(String.format("item-%05d", seq), Map.of())));
    }

    void measure() throws Exception {
        int n = options.listObjects();
        String path = "/api/v1/namespaces/" + ApiServerBenchmark.LIST_NS + "/configmaps";
        byte[] first = api.get(path);
        int present = ApiClient.countItems(first);
        report.section(String.format(Locale.ROOT, "3. Lists of %d ConfigMaps in one namespace", n));
        report.line(String.format(
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
            report.line("  WARNING: expected " + n + " items");
        }

        Report.progress("list: unpaged");
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
                report.line("  WARNING: an unpaged list returned " + ApiClient.countItems(body) + " items");
            }
        }
        CpuAccounting.Usage unpagedCpu = CpuAccounting.between(before, cpu.snapshot());

        Report.progress("list: paged, limit " + options.listPageSize());
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
                    report.line("  WARNING: a paged list returned " + items + " items");
                }
            }
        }
        CpuAccounting.Usage pagedCpu = CpuAccounting.between(before, cpu.snapshot());

        report.line(String.format(
                Locale.ROOT,
                "%d timed repetitions of each after 2 untimed ones, one after the other on one connection:",
                options.listRepetitions()));
        report.line("  unpaged list            " + unpaged.summary().full());
        report.line("  paged list (limit " + options.listPageSize() + ", " + pageCount + " pages) "
                + paged.summary().full());
        report.line("  one page of " + options.listPageSize() + "        "
                + pages.summary().full());
        report.line("  CPU per unpaged list: " + unpagedCpu.perOperation(options.listRepetitions() + 2));
        report.line("  CPU per paged list:   " + pagedCpu.perOperation(options.listRepetitions() + 2));
        if (options.listRepetitions() < 100) {
            report.line("  (with fewer than 100 repetitions p99 is the slowest one)");
        }
    }
}
