package io.meridian.it.bench.federation;

import io.meridian.it.bench.federation.Observer.Track;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.slf4j.LoggerFactory;

/**
 * Measures the federation end to end on real processes: how long a Deployment created in the federation API takes to
 * exist in every member cluster it targets, and how long a member's status takes to show in the federated object's
 * status, at 10 and at 100 member clusters; how long a restarted controller takes to converge on 10,000 federated
 * objects and what it writes meanwhile; how much heap the controller uses at 5,000 Deployments. Run it through {@code
 * scripts/benchmark-federation}; {@code --help} lists the options. It is a program, not a test: {@code ./mvnw verify}
 * never runs it.
 */
public final class FederationBenchmark {

    private static final long GIB = 1024L * 1024 * 1024;

    private final FederationOptions options;
    private final Path runDir;
    private final RunReport report = new RunReport();

    private FederationBenchmark(FederationOptions options) {
        this.options = options;
        this.runDir = options.out()
                .toAbsolutePath()
                .resolve("federation-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(FederationOptions.usage());
            return;
        }
        FederationOptions options;
        try {
            options = FederationOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        quietLogging();
        System.exit(new FederationBenchmark(options).run());
    }

    static void progress(String message) {
        System.err.println("[benchmark " + LocalDateTime.now().withNano(0).toLocalTime() + "] " + message);
    }

    private int run() {
        int code = 0;
        long start = System.nanoTime();
        try {
            Files.createDirectories(runDir);
            report.writeAlongTo(runDir.resolve("report.txt"));
            progress("run directory " + runDir);
            header();
            if (options.phases().contains("propagation") || options.phases().contains("heap")) {
                phase("propagation at " + options.clusters() + " clusters", this::propagationAndHeap);
            }
            if (options.phases().contains("scale")) {
                phase("propagation at " + options.scaleClusters() + " clusters", this::scale);
            }
            if (options.phases().contains("restart")) {
                phase("controller restart", this::restart);
            }
        } catch (Exception e) {
            aborted("the run", e);
        } finally {
            report.section("Summary");
            report.line(String.format(
                    Locale.ROOT,
                    "run time %.1f min; load average at end: %s",
                    (System.nanoTime() - start) / 60e9,
                    loadAverage()));
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

    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    /** A failing phase is reported and the others still run. */
    private void phase(String name, Phase body) {
        try {
            body.run();
        } catch (Exception e) {
            aborted(name, e);
        }
    }

    private void aborted(String what, Exception e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        report.section("ABORTED: " + what);
        report.line(trace.toString());
        report.verdict("[ERROR] " + what + " failed: " + e);
    }

    // ------------------------------------------------------------------ phases

    /** 10 clusters: latency of Deployments Duplicated to all, then the heap as Deployments are added. */
    private void propagationAndHeap() throws Exception {
        Path dir = runDir.resolve("propagation");
        try (TestFederation f = TestFederation.start(options, dir, options.clusters());
                Observer observer = new Observer(f.api(), f.memberApis(), f.clusterNames())) {
            int n = options.clusters();
            report.section("Propagation at " + n + " clusters: " + options.deployments() + " Deployments, Duplicated to"
                    + " every cluster");
            report.row("federation", f.describe());
            report.row(
                    "workload",
                    String.format(
                            Locale.ROOT,
                            "%d Deployments x %d replicas, Duplicated to all %d clusters: %d Works, %d member"
                                    + " Deployments; created at %.1f/s after %d unmeasured",
                            options.deployments(),
                            options.replicas(),
                            n,
                            options.deployments() * n,
                            options.deployments() * n,
                            options.rate(),
                            options.warmup()));
            f.api().create(namespaced("propagationpolicies"), Workload.policy("all", null));
            int[] everyCluster = range(n);
            if (options.warmup() > 0) {
                propagate(f, observer, "warm", options.warmup(), options.rate(), i -> "all", i -> everyCluster);
            }
            List<Track> measured =
                    propagate(f, observer, "dup", options.deployments(), options.rate(), i -> "all", i -> everyCluster);
            latencies(measured);
            baseline(f, observer, options.rate());
            settle(f);
            int federated = options.warmup() + options.deployments();
            Heap first = heap(f, "heap-" + federated);
            report.row(
                    "controller heap after a full GC",
                    Heap.mib(first.used()) + " at " + federated + " Deployments (" + federated * n + " Works)");

            if (options.phases().contains("heap")) {
                int more = Math.max(0, options.heapDeployments() - federated);
                report.section("Controller heap at " + options.heapDeployments() + " Deployments ("
                        + options.heapDeployments() * n + " Works)");
                List<Track> fill =
                        propagate(f, observer, "heap", more, options.fillRate(), i -> "all", i -> everyCluster);
                report.row(
                        "filled",
                        String.format(
                                Locale.ROOT,
                                "%d more Deployments at %.0f/s; propagation %s",
                                more,
                                options.fillRate(),
                                Stats.of(durations(fill, t -> t.last(t.member) - t.sent))
                                        .full()));
                settle(f);
                int total = federated + more;
                Heap last = heap(f, "heap-" + total);
                report.row("controller heap after a full GC", Heap.mib(last.used()) + " at " + total + " Deployments");
                report.row(
                        "controller heap committed / process RSS",
                        Heap.mib(last.committed()) + " / "
                                + Heap.mib(Cpu.rss(f.controller().pid())));
                double perDeployment = (last.used() - first.used()) / (double) (total - federated);
                report.row(
                        "heap per added Deployment",
                        String.format(
                                Locale.ROOT,
                                "%.1f KiB (%.1f KiB per Work)",
                                perDeployment / 1024,
                                perDeployment / n / 1024));
                report.line("  largest classes in the heap after the full GC (jcmd GC.class_histogram):");
                last.histogram().stream().limit(12).forEach(l -> report.line("    " + l));
                report.verdict((last.used() < GIB ? "[PASS]" : "[FAIL]") + " controller heap at " + total
                        + " Deployments x " + n + " clusters: " + Heap.mib(last.used()) + " (target < 1 GiB)");
            }
        }
    }

    /** 100 clusters: Deployments to groups of clusters, then Deployments to every cluster. */
    private void scale() throws Exception {
        Path dir = runDir.resolve("scale");
        int n = options.scaleClusters();
        int fanout = options.scaleFanout();
        int groups = n / fanout;
        try (TestFederation f = TestFederation.start(options, dir, n);
                Observer observer = new Observer(f.api(), f.memberApis(), f.clusterNames())) {
            List<String> names = f.clusterNames();
            List<int[]> groupTargets = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                int[] targets = new int[fanout];
                List<String> clusters = new ArrayList<>();
                for (int k = 0; k < fanout; k++) {
                    targets[k] = g * fanout + k;
                    clusters.add(names.get(g * fanout + k));
                }
                groupTargets.add(targets);
                f.api().create(namespaced("propagationpolicies"), Workload.policy("g" + g, clusters));
            }
            f.api().create(namespaced("propagationpolicies"), Workload.policy("wide", null));

            report.section("Propagation at " + n + " clusters: " + options.deployments() + " Deployments, each"
                    + " Duplicated to " + fanout + " clusters");
            report.row("federation", f.describe());
            report.row(
                    "workload",
                    String.format(
                            Locale.ROOT,
                            "%d groups of %d clusters, one PropagationPolicy each (Duplicated, clusterAffinity by"
                                    + " name); Deployment i goes to group i mod %d: %d Works, %d member Deployments,"
                                    + " %d per cluster; created at %.1f/s after %d unmeasured",
                            groups,
                            fanout,
                            groups,
                            options.deployments() * fanout,
                            options.deployments() * fanout,
                            options.deployments() * fanout / n,
                            options.rate(),
                            options.warmup()));
            IntFunction<String> group = i -> "g" + (i % groups);
            IntFunction<int[]> targets = i -> groupTargets.get(i % groups);
            if (options.warmup() > 0) {
                propagate(f, observer, "warm", options.warmup(), options.rate(), group, targets);
            }
            List<Track> grouped = propagate(f, observer, "grp", options.deployments(), options.rate(), group, targets);
            Stats groupedStats = latencies(grouped);
            baseline(f, observer, options.rate());
            report.verdict((groupedStats.p99() < 1e9 ? "[PASS]" : "[FAIL]") + " propagation p99 at " + n
                    + " clusters, fan-out " + fanout + ": " + Stats.time(groupedStats.p99()) + " (target < 1 s)");

            if (options.wideDeployments() > 0) {
                settle(f);
                report.section("Propagation at " + n + " clusters: " + options.wideDeployments() + " Deployments, each"
                        + " Duplicated to all " + n + " clusters");
                report.row(
                        "workload",
                        String.format(
                                Locale.ROOT,
                                "one PropagationPolicy without clusterAffinity (Duplicated): %d Works, %d member"
                                        + " Deployments; created at %.2f/s",
                                options.wideDeployments() * n,
                                options.wideDeployments() * n,
                                options.wideRate()));
                int[] everyCluster = range(n);
                List<Track> wide = propagate(
                        f,
                        observer,
                        "wide",
                        options.wideDeployments(),
                        options.wideRate(),
                        i -> "wide",
                        i -> everyCluster);
                Stats wideStats = latencies(wide);
                report.verdict((wideStats.p99() < 1e9 ? "[PASS]" : "[FAIL]") + " propagation p99 at " + n
                        + " clusters, fan-out " + n + ": " + Stats.time(wideStats.p99()) + " (target < 1 s)");
            }
        }
    }

    /** 10 clusters, 10,000 Deployments each on one cluster; the controller is killed and started again. */
    private void restart() throws Exception {
        Path dir = runDir.resolve("restart");
        int n = options.clusters();
        int objects = options.restartObjects();
        try (TestFederation f = TestFederation.start(options, dir, n);
                Observer observer = new Observer(f.api(), f.memberApis(), f.clusterNames())) {
            for (int c = 0; c < n; c++) {
                f.api()
                        .create(
                                namespaced("propagationpolicies"),
                                Workload.policy(
                                        "c" + c, List.of(f.clusterNames().get(c))));
            }
            report.section("Controller restart with " + objects + " federated Deployments");
            report.row("federation", f.describe());
            report.row(
                    "workload",
                    String.format(
                            Locale.ROOT,
                            "%d Deployments, Deployment i Duplicated to cluster i mod %d (one PropagationPolicy per"
                                    + " cluster): %d ResourceBindings, %d Works, %d member Deployments",
                            objects,
                            n,
                            objects,
                            objects,
                            objects));
            // Filled in two halves, the controller's heap measured after each: at half and at all the objects.
            int half = objects / 2;
            List<Track> all = new ArrayList<>(propagate(
                    f, observer, "obj", half, options.fillRate(), i -> "c" + (i % n), i -> new int[] {i % n}));
            settle(f);
            Heap halfHeap = heap(f, "heap-restart-" + half);
            report.row(
                    "controller heap after a full GC at " + half + " Deployments",
                    Heap.mib(halfHeap.used()) + " (" + half + " ResourceBindings, " + half + " Works)");
            report.line("  largest classes in the heap after the full GC (jcmd GC.class_histogram):");
            halfHeap.histogram().stream().limit(12).forEach(l -> report.line("    " + l));
            all.addAll(propagate(f, observer, "obj2", objects - half, options.fillRate(), i -> "c" + (i % n), i ->
                    new int[] {i % n}));
            report.row(
                    "filled",
                    String.format(
                            Locale.ROOT,
                            "at %.0f/s; propagation %s",
                            options.fillRate(),
                            Stats.of(durations(all, t -> t.last(t.member) - t.sent))
                                    .full()));
            settle(f);
            Heap heap = heap(f, "heap-restart-before");
            report.row(
                    "controller heap after a full GC at " + objects + " Deployments",
                    Heap.mib(heap.used()) + " (committed " + Heap.mib(heap.committed()) + ", process RSS "
                            + Heap.mib(Cpu.rss(f.controller().pid())) + ")");
            report.verdict((heap.used() < GIB ? "[PASS]" : "[FAIL]") + " controller heap at " + objects
                    + " Deployments (one Work each): " + Heap.mib(heap.used()) + " (target < 1 GiB)");

            Metrics apiBefore = f.apiServerMetrics();
            Map<String, long[]> eventsBefore = observer.counts();
            Map<String, Double> memberRequestsBefore = memberRequests(f);
            Cpu cpu = f.cpu();
            Cpu.Snapshot cpuBefore = cpu.snapshot();

            long killed = System.nanoTime();
            f.killController();
            progress("controller killed; starting a new one");
            f.startController();
            long up = System.nanoTime();
            long leader = awaitLeader(f, killed);
            Convergence converged = awaitConverged(f, objects, n, killed);
            Cpu.Usage used = cpu.snapshot().since(cpuBefore);
            // Anything the controller still had to write would have come by now.
            Thread.sleep(5000);
            Metrics apiAfter = f.apiServerMetrics();
            Map<String, long[]> eventsAfter = observer.counts();
            Map<String, Double> memberRequestsAfter = memberRequests(f);

            report.row("new controller process up (health 200)", Stats.time(up - killed) + " after the kill");
            report.row(
                    "leader (the dead one's lease expired)",
                    leader == 0 ? "never" : Stats.time(leader - killed) + " after the kill");
            report.row(
                    "converged",
                    converged.at() == 0
                            ? "NOT within " + options.timeout().toSeconds() + " s: " + converged.detail()
                            : Stats.time(converged.at() - killed) + " after the kill, "
                                    + Stats.time(converged.at() - leader) + " after leading");
            report.line("  reconciles from the start of the new controller to convergence:");
            converged.reconciles().forEach((k, v) -> report.row("    " + k, String.format(Locale.ROOT, "%.0f", v)));
            report.row("CPU from the kill to convergence", used.cores());
            report.line("  writes from the kill to 5 s after convergence (watch events on the federation API and the"
                    + " members):");
            eventsAfter.forEach((stream, after) -> {
                long[] before = eventsBefore.getOrDefault(stream, new long[3]);
                report.row(
                        "    " + stream,
                        String.format(
                                Locale.ROOT,
                                "%d added, %d modified, %d deleted",
                                after[0] - before[0],
                                after[1] - before[1],
                                after[2] - before[2]));
            });
            report.line("  requests to the federation API meanwhile (by method, watches excluded):");
            requestsBetween(apiBefore, apiAfter).forEach((k, v) -> report.row("    " + k, String.format("%.0f", v)));
            report.line("  requests to the members meanwhile (all clusters, by method, watches excluded):");
            memberRequestsAfter.forEach((k, v) ->
                    report.row("    " + k, String.format("%.0f", v - memberRequestsBefore.getOrDefault(k, 0.0))));
            long needless = needlessWrites(eventsBefore, eventsAfter);
            report.verdict((converged.at() != 0 && converged.at() - killed < 60e9 ? "[PASS]" : "[FAIL]")
                    + " restart convergence with " + objects + " Deployments: "
                    + (converged.at() == 0 ? "not converged" : Stats.time(converged.at() - killed) + " from the kill")
                    + " (target < 60 s)");
            report.verdict((needless == 0 ? "[PASS]" : "[FAIL]") + " writes to Works, bindings, federated and member"
                    + " Deployments during the restart: " + needless + " (expected 0)");
            Heap after = heap(f, "heap-restart-after");
            report.row("controller heap after a full GC (converged)", Heap.mib(after.used()));
        }
    }

    // ------------------------------------------------------------------ propagation

    /**
     * Creates {@code count} Deployments named {@code prefix-i} at {@code rate} per second, in the group {@code group(i)}
     * whose policy sends them to {@code targets(i)}, and waits until each is in every target member and READY in the
     * federation.
     */
    private List<Track> propagate(
            TestFederation f,
            Observer observer,
            String prefix,
            int count,
            double rate,
            IntFunction<String> group,
            IntFunction<int[]> targets)
            throws Exception {
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tracks.add(observer.track(Workload.name(prefix, i), targets.apply(i), options.replicas()));
        }
        if (count == 0) {
            return tracks;
        }
        progress(String.format(Locale.ROOT, "creating %d Deployments (%s-*) at %.1f/s", count, prefix, rate));
        Cpu cpu = f.cpu();
        Cpu.Snapshot cpuBefore = cpu.snapshot();
        Metrics controllerBefore = f.controllerMetrics();
        Metrics apiBefore = f.apiServerMetrics();
        Map<String, long[]> eventsBefore = observer.counts();
        long first;
        int failed;
        try (QueueSampler queues = new QueueSampler(f)) {
            first = System.nanoTime();
            failed = Workload.paced(count, rate, i -> {
                Track t = tracks.get(i);
                t.sent = System.nanoTime();
                int code = f.api()
                        .post(
                                namespaced("deployments", "apps/v1"),
                                Workload.deployment(t.name, t.replicas, group.apply(i)));
                t.acknowledged = System.nanoTime();
                return code;
            });
            if (failed > 0) {
                throw new IllegalStateException(failed + " of " + count + " creates failed");
            }
            awaitAll(observer, tracks, Track::ready, prefix);
            lastRun = new RunFigures(
                    cpu.snapshot().since(cpuBefore),
                    first,
                    f.controllerMetrics(),
                    controllerBefore,
                    f.apiServerMetrics(),
                    apiBefore,
                    queues.deepest(),
                    eventsBefore,
                    observer.counts());
        }
        return tracks;
    }

    /**
     * The baseline: the same Deployments server-side applied straight to the members (round robin, one member each) at
     * the same pace, on the same processes, right after the federated workload — what one hop to a member costs
     * without the federation in between.
     */
    private void baseline(TestFederation f, Observer observer, double rate) throws Exception {
        int count = options.baseline();
        if (count == 0) {
            return;
        }
        List<Api> members = f.memberApis();
        for (Api member : members) {
            member.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + Observer.NAMESPACE + "\"}}");
        }
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tracks.add(observer.track(Workload.name("direct", i), new int[] {i % members.size()}, options.replicas()));
        }
        progress(String.format(
                Locale.ROOT, "baseline: %d server-side applies straight to the members at %.1f/s", count, rate));
        int failed = Workload.paced(count, rate, i -> {
            Track t = tracks.get(i);
            t.sent = System.nanoTime();
            int code = members.get(t.targets[0])
                    .apply(
                            "/apis/apps/v1/namespaces/" + Observer.NAMESPACE + "/deployments/" + t.name,
                            Workload.deployment(t.name, t.replicas, "direct"));
            t.acknowledged = System.nanoTime();
            return code == 200 ? 201 : code;
        });
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + count + " direct applies failed");
        }
        awaitAll(observer, tracks, Track::propagated, "direct");
        report.row(
                "baseline: apply straight to a member (sent -> 2xx)",
                Stats.of(durations(tracks, t -> t.acknowledged - t.sent)).full());
        report.row(
                "baseline: same, sent -> seen in the member's watch",
                Stats.of(durations(tracks, t -> t.last(t.member) - t.sent)).full());
    }

    /** What the last {@link #propagate} measured besides the tracks. */
    private record RunFigures(
            Cpu.Usage cpu,
            long firstSent,
            Metrics controllerAfter,
            Metrics controllerBefore,
            Metrics apiAfter,
            Metrics apiBefore,
            Map<String, Double> deepestQueues,
            Map<String, long[]> eventsBefore,
            Map<String, long[]> eventsAfter) {}

    private RunFigures lastRun;

    private void awaitAll(Observer observer, List<Track> tracks, Predicate<Track> done, String what) throws Exception {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            long propagated = tracks.stream().filter(Track::propagated).count();
            long finished = tracks.stream().filter(done).count();
            if (finished == tracks.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                Throwable error = observer.streamError();
                throw new IllegalStateException(String.format(
                        Locale.ROOT,
                        "%s: after %d s, %d of %d Deployments propagated, %d of %d READY in the federation%s",
                        what,
                        options.timeout().toSeconds(),
                        propagated,
                        tracks.size(),
                        finished,
                        tracks.size(),
                        error == null ? "" : "; a watch failed: " + error));
            }
            if (System.nanoTime() > nextProgress) {
                progress(String.format(
                        Locale.ROOT,
                        "%s: %d of %d propagated, %d READY in the federation",
                        what,
                        propagated,
                        tracks.size(),
                        finished));
                nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            }
            Thread.sleep(100);
        }
    }

    /** Reports the latencies of one workload and what the processes did meanwhile; returns the propagation figures. */
    private Stats latencies(List<Track> tracks) {
        Stats propagation = Stats.of(durations(tracks, t -> t.last(t.member) - t.sent));
        report.row("propagation (create sent -> in every target)", propagation.full());
        report.row(
                "  first target",
                Stats.of(durations(tracks, t -> t.first(t.member) - t.sent)).full());
        report.line("  stages (each Deployment's own; p50 / p99):");
        stage("    API create (sent -> 201)", tracks, t -> t.acknowledged - t.sent);
        stage("    detector (201 -> ResourceBinding)", tracks, t -> t.binding - t.acknowledged);
        stage("    scheduler + renderer (binding -> last Work)", tracks, t -> t.last(t.work) - t.binding);
        stage("    syncers (last Work -> last member object)", tracks, t -> t.last(t.member) - t.last(t.work));
        Stats status = Stats.of(durations(tracks, t -> t.federationReady - t.last(t.memberReady)));
        report.row("aggregated status (last member ready -> sum)", status.full());
        stage("    syncers (member ready -> Work healthy)", tracks, t -> t.last(t.workHealthy) - t.last(t.memberReady));
        stage("    aggregator (Work healthy -> federation)", tracks, t -> t.federationReady - t.last(t.workHealthy));
        report.row(
                "end to end (create sent -> READY in federation)",
                Stats.of(durations(tracks, t -> t.federationReady - t.sent)).full());
        RunFigures run = lastRun;
        long lastPropagated =
                tracks.stream().mapToLong(t -> t.last(t.member)).max().orElse(0);
        long members = tracks.stream().mapToLong(t -> t.targets.length).sum();
        report.row(
                "throughput",
                String.format(
                        Locale.ROOT,
                        "%d Deployments (%d member objects) in every target %.1f s after the first create: %.1f/s"
                                + " (%.0f member objects/s)",
                        tracks.size(),
                        members,
                        (lastPropagated - run.firstSent()) / 1e9,
                        tracks.size() / ((lastPropagated - run.firstSent()) / 1e9),
                        members / ((lastPropagated - run.firstSent()) / 1e9)));
        report.row("cores busy, first create to last READY", run.cpu().cores());
        report.row("CPU per Deployment", run.cpu().per(tracks.size()));
        report.row("CPU per member object", run.cpu().per(members));
        report.row("deepest work queues (controller)", run.deepestQueues().toString());
        report.line("  controller reconciles (count, mean time):");
        Map<String, Double> counts = delta(
                run.controllerAfter().by("meridian_reconcile_seconds_count", "controller"),
                run.controllerBefore().by("meridian_reconcile_seconds_count", "controller"));
        Map<String, Double> sums = delta(
                run.controllerAfter().by("meridian_reconcile_seconds_sum", "controller"),
                run.controllerBefore().by("meridian_reconcile_seconds_sum", "controller"));
        counts.forEach((k, v) -> report.row(
                "    " + k,
                String.format(
                        Locale.ROOT, "%.0f, %s", v, Stats.time(v == 0 ? 0 : sums.getOrDefault(k, 0.0) / v * 1e9))));
        report.line("  writes seen by the benchmark's watches (added / modified, per Deployment):");
        run.eventsAfter().forEach((stream, after) -> {
            long[] before = run.eventsBefore().getOrDefault(stream, new long[3]);
            report.row(
                    "    " + stream,
                    String.format(
                            Locale.ROOT,
                            "%.1f / %.1f",
                            (after[0] - before[0]) / (double) tracks.size(),
                            (after[1] - before[1]) / (double) tracks.size()));
        });
        report.line("  federation API requests (by method, watches excluded; mean time in the server):");
        Map<String, Double> seconds =
                requestsBetween(run.apiBefore(), run.apiAfter(), "meridian_apiserver_requests_seconds_sum");
        requestsBetween(run.apiBefore(), run.apiAfter())
                .forEach((k, v) -> report.row(
                        "    " + k,
                        String.format(
                                Locale.ROOT,
                                "%.0f (%.1f per Deployment), %s",
                                v,
                                v / tracks.size(),
                                Stats.time(v == 0 ? 0 : seconds.getOrDefault(k, 0.0) / v * 1e9))));
        return propagation;
    }

    private void stage(String label, List<Track> tracks, ToLongFunction<Track> duration) {
        Stats s = Stats.of(durations(tracks, duration));
        report.row(label, Stats.time(s.p50()) + " / " + Stats.time(s.p99()));
    }

    private static List<Long> durations(List<Track> tracks, ToLongFunction<Track> duration) {
        List<Long> out = new ArrayList<>();
        for (Track t : tracks) {
            out.add(Math.max(0, duration.applyAsLong(t)));
        }
        return out;
    }

    /** The syncers' queues summed, the other controllers by name. */
    private static Map<String, Double> delta(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> out = new TreeMap<>();
        after.forEach((k, v) -> out.merge(
                k.startsWith("work-sync-") ? "work-sync (all clusters)" : k,
                v - before.getOrDefault(k, 0.0),
                Double::sum));
        return out;
    }

    /** Requests by method between two scrapes of an API server, watches excluded. */
    private static Map<String, Double> requestsBetween(Metrics before, Metrics after) {
        return requestsBetween(before, after, "meridian_apiserver_requests_seconds_count");
    }

    /** {@code metric} (a count or a sum of the API server's request timer) by method between two scrapes. */
    private static Map<String, Double> requestsBetween(Metrics before, Metrics after, String metric) {
        Map<String, Double> out = new TreeMap<>();
        Map<String, Double> earlier = before.by(metric, "method", "watch=\"false\"");
        after.by(metric, "method", "watch=\"false\"").forEach((k, v) -> out.put(k, v - earlier.getOrDefault(k, 0.0)));
        return out;
    }

    private static Map<String, Double> memberRequests(TestFederation f) throws Exception {
        Map<String, Double> out = new TreeMap<>();
        for (Api member : f.memberApis()) {
            Metrics.parse(member.text("/actuator/metrics"))
                    .by("meridian_apiserver_requests_seconds_count", "method", "watch=\"false\"")
                    .forEach((k, v) -> out.merge(k, v, Double::sum));
        }
        return out;
    }

    /** Every event on Works, bindings and Deployments (federated and member) is a write that a restart need not make. */
    private static long needlessWrites(Map<String, long[]> before, Map<String, long[]> after) {
        long total = 0;
        for (var e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[3]);
            for (int i = 0; i < 3; i++) {
                total += e.getValue()[i] - b[i];
            }
        }
        return total;
    }

    // ------------------------------------------------------------------ controller state

    /** Waits until every controller work queue has been empty for three scrapes in a row (a second apart). */
    private void settle(TestFederation f) throws Exception {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        int quiet = 0;
        while (quiet < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the controller's queues did not empty within "
                        + options.timeout().toSeconds() + " s: "
                        + QueueSampler.depths(f.controllerMetrics()));
            }
            quiet = busy(f.controllerMetrics()) == 0 ? quiet + 1 : 0;
            Thread.sleep(1000);
        }
    }

    /**
     * Keys waiting in the controller's queues, but for the cluster-health controller's: it rechecks every cluster on a
     * timer, so its queue is never empty.
     */
    private static double busy(Metrics m) {
        return m.sum("meridian_workqueue_depth") - m.sum("meridian_workqueue_depth", "controller=\"cluster-health\"");
    }

    private static long awaitLeader(TestFederation f, long since) throws Exception {
        String identity = f.controller().identity();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            var lease =
                    f.api().get("/apis/coordination.k8s.io/v1/namespaces/meridian-system/leases/meridian-controller");
            if (lease != null
                    && identity.equals(lease.path("spec").path("holderIdentity").asText())) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        return 0;
    }

    private record Convergence(long at, Map<String, Double> reconciles, String detail) {}

    /**
     * Converged: every ResourceBinding reconciled by the scheduler, the renderer and the status aggregator, every
     * federated Deployment by the detector, every Work by its cluster's syncer — each at least once since the new
     * controller started — and every work queue empty, two scrapes in a row.
     */
    private Convergence awaitConverged(TestFederation f, int objects, int clusters, long since) throws Exception {
        long deadline = since + options.timeout().toNanos();
        int quiet = 0;
        long candidate = 0;
        Map<String, Double> reconciles = Map.of();
        String detail = "";
        while (System.nanoTime() < deadline) {
            Metrics m;
            try {
                m = f.controllerMetrics();
            } catch (IOException e) {
                Thread.sleep(250);
                continue;
            }
            long now = System.nanoTime();
            reconciles = delta(m.by("meridian_reconcile_seconds_count", "controller"), Map.of());
            double depth = busy(m);
            boolean reached = reconciles.getOrDefault("detector", 0.0) >= objects
                    && reconciles.getOrDefault("scheduler", 0.0) >= objects
                    && reconciles.getOrDefault("renderer", 0.0) >= objects
                    && reconciles.getOrDefault("status", 0.0) >= objects
                    && reconciles.getOrDefault("work-sync (all clusters)", 0.0) >= objects;
            detail = "reconciles " + reconciles + ", queue depth " + depth;
            if (reached && depth == 0) {
                if (quiet == 0) {
                    candidate = now;
                }
                if (++quiet >= 2) {
                    return new Convergence(candidate, reconciles, detail);
                }
            } else {
                quiet = 0;
            }
            Thread.sleep(250);
        }
        return new Convergence(0, reconciles, detail);
    }

    /** The controller's used heap after a full GC, with a class histogram saved beside the report. */
    private record Heap(long used, long committed, List<String> histogram) {
        static String mib(long bytes) {
            return String.format(Locale.ROOT, "%.0f MiB", bytes / 1024.0 / 1024.0);
        }
    }

    private Heap heap(TestFederation f, String name) throws Exception {
        long pid = f.controller().pid();
        // GC.class_histogram runs a full collection first: what it lists, and the heap read after it, is live data.
        List<String> histogram = jcmd(pid, "GC.class_histogram");
        Files.write(f.dir().resolve(name + "-histogram.txt"), histogram, StandardCharsets.UTF_8);
        Metrics m = f.controllerMetrics();
        long used = (long) m.sum("jvm_memory_used_bytes", "area=\"heap\"");
        long committed = (long) m.sum("jvm_memory_committed_bytes", "area=\"heap\"");
        List<String> top = histogram.stream()
                // rows are "  rank:  instances  bytes  class"; the first line of jcmd's output is the pid alone
                .filter(l -> l.matches("\\s*\\d+:\\s+\\d+\\s+\\d+\\s+.*"))
                .limit(20)
                .toList();
        return new Heap(used, committed, top);
    }

    private static List<String> jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return List.of(new String(out, StandardCharsets.UTF_8).split("\n"));
    }

    // ------------------------------------------------------------------ report

    private void header() {
        report.section("Meridian federation benchmark, " + LocalDateTime.now().withNano(0));
        report.row("CPUs (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        report.row("CPU model", firstLine("/proc/cpuinfo", "model name"));
        report.row("memory", firstLine("/proc/meminfo", "MemTotal"));
        report.row("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        report.row("load average at start", loadAverage());
        report.row(
                "this JVM (load generator, watches, simulators)",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        report.row("options", options.toString());
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String namespaced(String resource) {
        return namespaced(resource, "meridian.io/v1alpha1");
    }

    private static String namespaced(String resource, String groupVersion) {
        return "/apis/" + groupVersion + "/namespaces/" + Observer.NAMESPACE + "/" + resource;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** jetcd, gRPC and Netty log at DEBUG under logback's default configuration: keep the report readable. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
