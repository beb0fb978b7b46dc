package io.meridian.it.bench.federation;

import io.meridian.it.bench.BenchmarkOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The federation benchmark's knobs, from {@code --name=value} arguments. The defaults run the propagation, scale and
 * restart phases in about an hour on 2 cores.
 */
record FederationOptions(
        Set<String> phases,
        int clusters,
        int deployments,
        int warmup,
        double rate,
        int baseline,
        int scaleClusters,
        int scaleFanout,
        int wideDeployments,
        double wideRate,
        int heapDeployments,
        int restartObjects,
        double fillRate,
        int replicas,
        Duration readinessDelay,
        Duration timeout,
        List<String> controllerJvm,
        List<String> controllerProperties,
        List<String> apiServerJvm,
        List<String> membersJvm,
        boolean jfr,
        Path out) {

    /** In the order they run. */
    static final List<String> ALL_PHASES = List.of("propagation", "heap", "scale", "restart");

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("phases", "propagation,scale,restart");
        d.put("clusters", "10");
        d.put("deployments", "1000");
        d.put("warmup", "50");
        d.put("rate", "2");
        d.put("baseline", "100");
        d.put("scale-clusters", "100");
        d.put("scale-fanout", "10");
        d.put("wide-deployments", "20");
        d.put("wide-rate", "0.2");
        d.put("heap-deployments", "5000");
        d.put("restart-objects", "10000");
        d.put("fill-rate", "100");
        d.put("replicas", "2");
        d.put("readiness-delay", "1s");
        d.put("timeout", "40m");
        d.put("controller-jvm", "-Xms256m -Xmx2g -XX:+UseG1GC");
        d.put("controller-properties", "");
        d.put("apiserver-jvm", "-Xms1g -Xmx2g -XX:+UseG1GC");
        d.put("members-jvm", "-Xms512m -Xmx3g -XX:+UseG1GC -Xss512k");
        d.put("jfr", "false");
        d.put("out", "target/benchmark");
        return d;
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("""
                Usage: FederationBenchmark [--name=value ...]

                Phases (each on a federation of its own, started and stopped by the phase):
                  propagation  --clusters members; --deployments Deployments Duplicated to all of them, created at
                               --rate per second after --warmup unmeasured ones: propagation and status latency
                  heap         same federation, continued: Deployments added (at --fill-rate) up to
                               --heap-deployments, then the controller's used heap after a full GC (not run by
                               default: 5,000 Deployments at 10 clusters are 50,000 Works, hours on 2 cores)
                  scale        --scale-clusters members; --deployments Deployments each Duplicated to --scale-fanout
                               of them (groups of clusters, every cluster used), then --wide-deployments Duplicated
                               to every cluster at --wide-rate per second
                  restart      --clusters members; --restart-objects Deployments, each on one cluster, created at
                               --fill-rate (the controller's heap measured at half and at all of them); the
                               controller is killed and started again: time to converge and every write made
                               meanwhile

                  --phases=a,b            any of propagation,heap,scale,restart
                  --clusters=N            members in the propagation, heap and restart phases
                  --deployments=N         measured Deployments per propagation workload
                  --warmup=N              unmeasured Deployments propagated first (JIT, connections)
                  --rate=R                creates per second of measured Deployments
                  --baseline=N            Deployments server-side applied straight to the members at --rate after
                                          each measured workload, for comparison (0: none)
                  --scale-clusters=N      members in the scale phase
                  --scale-fanout=N        clusters per Deployment in the scale phase (a divisor of scale-clusters)
                  --wide-deployments=N    Deployments to every cluster in the scale phase (0: none)
                  --wide-rate=R           their creates per second
                  --heap-deployments=N    Deployments federated when the heap is measured
                  --restart-objects=N     federated Deployments when the controller restarts
                  --fill-rate=R           creates per second when filling (heap, restart)
                  --replicas=N            replicas of every Deployment
                  --readiness-delay=DUR   how long a member Deployment takes to become ready
                  --timeout=DUR           longest wait for one workload to propagate and become ready
                  --controller-jvm="..."  JVM options of the controller process
                  --controller-properties="k=v ..."  Spring properties of the controller, e.g.
                                          meridian.controller.workers=16 (reconcile workers per controller)
                  --apiserver-jvm="..."   JVM options of the federation API server process
                  --members-jvm="..."     JVM options of the process hosting the member API servers
                  --jfr=true              record the controller, the federation API server and the members' host
                                          with JFR (profile settings) into each phase's directory
                  --out=DIR               where each run's report and logs go (DIR/<timestamp>/)

                Defaults:
                """);
        DEFAULTS.forEach(
                (k, v) -> sb.append("  --").append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    static FederationOptions parse(String... args) {
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
        Set<String> phases = new LinkedHashSet<>();
        Set<String> asked = Set.copyOf(Arrays.stream(v.get("phases").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList());
        for (String p : asked) {
            if (!ALL_PHASES.contains(p)) {
                throw new IllegalArgumentException("unknown phase '" + p + "'; phases are " + ALL_PHASES);
            }
        }
        ALL_PHASES.stream().filter(asked::contains).forEach(phases::add);
        FederationOptions o = new FederationOptions(
                phases,
                positive(v, "clusters"),
                positive(v, "deployments"),
                atLeastZero(v, "warmup"),
                rate(v, "rate"),
                atLeastZero(v, "baseline"),
                positive(v, "scale-clusters"),
                positive(v, "scale-fanout"),
                atLeastZero(v, "wide-deployments"),
                rate(v, "wide-rate"),
                positive(v, "heap-deployments"),
                positive(v, "restart-objects"),
                rate(v, "fill-rate"),
                positive(v, "replicas"),
                BenchmarkOptions.duration(v, "readiness-delay"),
                BenchmarkOptions.duration(v, "timeout"),
                words(v, "controller-jvm"),
                words(v, "controller-properties"),
                words(v, "apiserver-jvm"),
                words(v, "members-jvm"),
                Boolean.parseBoolean(v.get("jfr")),
                Path.of(v.get("out")));
        if (o.scaleClusters() % o.scaleFanout() != 0) {
            throw new IllegalArgumentException("--scale-fanout must divide --scale-clusters (" + o.scaleFanout()
                    + " does not divide " + o.scaleClusters() + ")");
        }
        if (o.clusters() > 999 || o.scaleClusters() > 999) {
            throw new IllegalArgumentException("at most 999 clusters");
        }
        return o;
    }

    private static List<String> words(Map<String, String> v, String name) {
        String s = v.get(name).trim();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }

    private static int positive(Map<String, String> v, String name) {
        int n = atLeastZero(v, name);
        if (n == 0) {
            throw new IllegalArgumentException("--" + name + " must be a positive integer, not '" + v.get(name) + "'");
        }
        return n;
    }

    private static int atLeastZero(Map<String, String> v, String name) {
        try {
            int n = Integer.parseInt(v.get(name));
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + v.get(name) + "'");
    }

    private static double rate(Map<String, String> v, String name) {
        try {
            double r = Double.parseDouble(v.get(name));
            if (r > 0) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive number, not '" + v.get(name) + "'");
    }
}
