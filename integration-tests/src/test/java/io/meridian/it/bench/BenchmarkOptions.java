package io.meridian.it.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The benchmark's knobs, from {@code --name=value} arguments; the defaults finish in about five minutes on 2 cores. */
public record BenchmarkOptions(
        int clients,
        int httpClients,
        Duration warmup,
        Duration duration,
        int iterations,
        int listObjects,
        int listPageSize,
        int listRepetitions,
        int watchers,
        int watchRounds,
        int watchEvents,
        double watchRate,
        List<String> serverJvm,
        boolean jfr,
        Set<String> phases,
        Path out) {

    static final Set<String> ALL_PHASES = Set.of("throughput", "list", "watch");

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("clients", "32");
        d.put("http-clients", "4");
        d.put("warmup", "5s");
        d.put("duration", "10s");
        d.put("iterations", "3");
        d.put("list-objects", "10000");
        d.put("list-page-size", "500");
        d.put("list-repetitions", "15");
        d.put("watchers", "1000");
        d.put("watch-rounds", "3");
        d.put("watch-events", "100");
        d.put("watch-rate", "20");
        d.put("server-jvm", "-Xms1g -Xmx1g -XX:+UseG1GC");
        d.put("jfr", "false");
        d.put("phases", "throughput,list,watch");
        d.put("out", "target/benchmark");
        return d;
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("""
                Usage: ApiServerBenchmark [--name=value ...]

                  --clients=N          concurrent clients for raw puts and API creates
                  --http-clients=N     java.net.http clients the API load is spread over
                  --warmup=DUR         warm-up per throughput workload (e.g. 5s, 500ms)
                  --duration=DUR       one measured window
                  --iterations=N       measured windows per workload (raw put, raw txn, API create, interleaved)
                  --list-objects=N     objects in the listed namespace
                  --list-page-size=N   limit of a paged list
                  --list-repetitions=N timed lists of each kind (after 2 untimed)
                  --watchers=N         concurrent watch streams
                  --watch-rounds=N     measured rounds of paced writes (after one warm-up round)
                  --watch-events=N     writes per round
                  --watch-rate=R       writes per second
                  --server-jvm="..."   JVM options of the API server process
                  --jfr=true           record the API server with JFR (profile settings) into the run directory
                  --phases=a,b         any of throughput,list,watch
                  --out=DIR            where each run's report and logs go (DIR/<timestamp>/)

                Defaults:
                """);
        DEFAULTS.forEach(
                (k, v) -> sb.append("  --").append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    static BenchmarkOptions parse(String... args) {
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, not '" + arg + "'\n\n" + usage());
            }
            String name = arg.substring(2, eq);
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n\n" + usage());
            }
            v.put(name, arg.substring(eq + 1));
        }
        Set<String> phases = Set.copyOf(Arrays.stream(v.get("phases").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList());
        for (String p : phases) {
            if (!ALL_PHASES.contains(p)) {
                throw new IllegalArgumentException("unknown phase '" + p + "'; phases are " + ALL_PHASES);
            }
        }
        BenchmarkOptions o = new BenchmarkOptions(
                positive(v, "clients"),
                positive(v, "http-clients"),
                duration(v, "warmup"),
                duration(v, "duration"),
                positive(v, "iterations"),
                positive(v, "list-objects"),
                positive(v, "list-page-size"),
                positive(v, "list-repetitions"),
                positive(v, "watchers"),
                positive(v, "watch-rounds"),
                positive(v, "watch-events"),
                Double.parseDouble(v.get("watch-rate")),
                List.of(v.get("server-jvm").trim().split("\\s+")),
                Boolean.parseBoolean(v.get("jfr")),
                phases,
                Path.of(v.get("out")));
        if (o.watchRate() <= 0) {
            throw new IllegalArgumentException("--watch-rate must be positive");
        }
        return o;
    }

    private static int positive(Map<String, String> v, String name) {
        try {
            int n = Integer.parseInt(v.get(name));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive integer, not '" + v.get(name) + "'");
    }

    /** {@code --name=10s}, {@code 500ms} or {@code 2m}: the form both benchmarks take durations in. */
    public static Duration duration(Map<String, String> v, String name) {
        String s = v.get(name).trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a duration such as 10s or 500ms, not '" + s + "'");
    }
}
