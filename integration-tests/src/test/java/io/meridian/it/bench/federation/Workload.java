package io.meridian.it.bench.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What the benchmark federates: Deployments of a realistic shape (one container with requests, a selector, labels),
 * each labelled with the group whose PropagationPolicy places it, and created at a fixed pace (an open loop: a slow
 * create never delays the next one, so queueing shows in the latencies as it would for real users).
 */
final class Workload {

    static final String GROUP_LABEL = "bench.meridian.io/group";

    private Workload() {}

    static String deployment(String name, int replicas, String group) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"%1$s","namespace":"%3$s","labels":{"app":"%1$s","%4$s":"%5$s"}},
                 "spec":{"replicas":%2$d,"selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},
                   "spec":{"containers":[{"name":"app","image":"registry.example.com/bench/app:1.0",
                     "ports":[{"containerPort":8080}],
                     "resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}}}""".formatted(name, replicas, Observer.NAMESPACE, GROUP_LABEL, group);
    }

    /**
     * A PropagationPolicy placing the Deployments of {@code group}: Duplicated to {@code clusters}, or to every cluster
     * when it is null.
     */
    static String policy(String group, List<String> clusters) {
        String affinity = clusters == null
                ? ""
                : ",\"clusterAffinity\":{\"clusterNames\":["
                        + clusters.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",")) + "]}";
        return """
                {"apiVersion":"meridian.io/v1alpha1","kind":"PropagationPolicy",
                 "metadata":{"name":"group-%1$s","namespace":"%2$s"},
                 "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment",
                          "labelSelector":{"matchLabels":{"%3$s":"%1$s"}}}],
                         "placement":{"replicaScheduling":{"replicaSchedulingType":"Duplicated"}%4$s}}}""".formatted(group, Observer.NAMESPACE, GROUP_LABEL, affinity);
    }

    static String name(String prefix, int i) {
        return String.format(Locale.ROOT, "%s-%05d", prefix, i);
    }

    /** Creates one object; returns the HTTP status. */
    @FunctionalInterface
    interface Create {
        int create(int index) throws Exception;
    }

    /**
     * Creates {@code count} objects, the i-th at {@code i / rate} seconds from now, each on a virtual thread of its own;
     * returns once every create has been answered. Returns how many were not answered 201.
     */
    static int paced(int count, double rate, Create create) throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    if (create.create(index) != 201) {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    FederationBenchmark.progress("create " + index + " failed: " + e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return failed.get();
    }
}
