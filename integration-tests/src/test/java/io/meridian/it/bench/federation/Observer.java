package io.meridian.it.bench.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.api.model.names.MeridianLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Watches everything one Deployment goes through, on one clock (this JVM's {@link System#nanoTime()}): the federated
 * Deployment (its status), its ResourceBinding, its Works (created; their status healthy), and the Deployment in every
 * member (created; ready). Each first occurrence is noted once in the Deployment's {@link Track}. It also counts every
 * event per stream, so that a phase can tell what was written between two moments.
 */
final class Observer implements AutoCloseable {

    static final String NAMESPACE = "bench";
    private static final String BINDING_SUFFIX = "-deployment";

    /** What happened to one federated Deployment, when; times are {@link System#nanoTime()}, 0 for not yet. */
    static final class Track {
        final String name;
        final int[] targets;
        final int replicas;
        volatile long sent;
        volatile long acknowledged;
        volatile long binding;
        volatile long federationReady;
        final AtomicLongArray work;
        final AtomicLongArray member;
        final AtomicLongArray memberReady;
        final AtomicLongArray workHealthy;

        Track(String name, int[] targets, int replicas, int clusters) {
            this.name = name;
            this.targets = targets;
            this.replicas = replicas;
            this.work = new AtomicLongArray(clusters);
            this.member = new AtomicLongArray(clusters);
            this.memberReady = new AtomicLongArray(clusters);
            this.workHealthy = new AtomicLongArray(clusters);
        }

        /** The latest of {@code times} over the target clusters, or 0 if some target has none yet. */
        long last(AtomicLongArray times) {
            long last = 0;
            for (int c : targets) {
                long t = times.get(c);
                if (t == 0) {
                    return 0;
                }
                last = Math.max(last, t);
            }
            return last;
        }

        /** The earliest of {@code times} over the target clusters, or 0 if none has one. */
        long first(AtomicLongArray times) {
            long first = 0;
            for (int c : targets) {
                long t = times.get(c);
                if (t != 0 && (first == 0 || t < first)) {
                    first = t;
                }
            }
            return first;
        }

        boolean propagated() {
            return last(member) != 0;
        }

        boolean ready() {
            return federationReady != 0;
        }
    }

    /** Events seen on one stream, by type. */
    static final class Counts {
        final AtomicLong added = new AtomicLong();
        final AtomicLong modified = new AtomicLong();
        final AtomicLong deleted = new AtomicLong();

        long[] snapshot() {
            return new long[] {added.get(), modified.get(), deleted.get()};
        }

        void count(String type) {
            switch (type) {
                case "ADDED" -> added.incrementAndGet();
                case "MODIFIED" -> modified.incrementAndGet();
                case "DELETED" -> deleted.incrementAndGet();
                default -> {}
            }
        }
    }

    private final Map<String, Integer> clusterIndex = new ConcurrentHashMap<>();
    private final Map<String, Track> tracks = new ConcurrentHashMap<>();
    private final List<Api.Watch> watches = new ArrayList<>();
    private final Map<String, Counts> counts = new ConcurrentHashMap<>();

    /**
     * @param federation the federation API
     * @param members the member APIs, in cluster order (the index of a cluster in the tracks)
     * @param names the clusters' names, in the same order
     */
    Observer(Api federation, List<Api> members, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            clusterIndex.put(names.get(i), i);
        }
        watches.add(federation.watch(
                "/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments",
                counted("federation deployments", this::template)));
        watches.add(federation.watch(
                "/apis/meridian.io/v1alpha1/namespaces/" + NAMESPACE + "/resourcebindings",
                counted("federation resourcebindings", this::binding)));
        watches.add(federation.watch("/apis/meridian.io/v1alpha1/works", counted("federation works", this::work)));
        for (int i = 0; i < members.size(); i++) {
            int cluster = i;
            watches.add(members.get(i)
                    .watch(
                            "/apis/apps/v1/deployments",
                            counted("member deployments", (e, t) -> member(cluster, e, t))));
        }
    }

    /** Starts following a Deployment about to be created. */
    Track track(String name, int[] targets, int replicas) {
        Track t = new Track(name, targets, replicas, clusterIndex.size());
        tracks.put(name, t);
        return t;
    }

    /** Events seen so far per stream kind ({@code federation works}, {@code member deployments}...). */
    Map<String, long[]> counts() {
        Map<String, long[]> out = new java.util.TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.snapshot()));
        return out;
    }

    private Api.EventSink counted(String stream, Api.EventSink sink) {
        Counts c = counts.computeIfAbsent(stream, k -> new Counts());
        return (event, nanos) -> {
            c.count(event.path("type").asText());
            sink.event(event, nanos);
        };
    }

    private void template(JsonNode event, long nanos) {
        Track t = tracks.get(event.path("object").path("metadata").path("name").asText());
        if (t == null || t.federationReady != 0) {
            return;
        }
        long ready = event.path("object").path("status").path("readyReplicas").asLong(0);
        if (ready == (long) t.replicas * t.targets.length) {
            t.federationReady = nanos;
        }
    }

    private void binding(JsonNode event, long nanos) {
        String name = event.path("object").path("metadata").path("name").asText();
        if (!name.endsWith(BINDING_SUFFIX)) {
            return;
        }
        Track t = tracks.get(name.substring(0, name.length() - BINDING_SUFFIX.length()));
        if (t != null && t.binding == 0) {
            t.binding = nanos;
        }
    }

    private void work(JsonNode event, long nanos) {
        JsonNode labels = event.path("object").path("metadata").path("labels");
        String binding = labels.path(MeridianLabels.BINDING_NAME).asText("");
        if (!binding.endsWith(BINDING_SUFFIX)) {
            return;
        }
        Track t = tracks.get(binding.substring(0, binding.length() - BINDING_SUFFIX.length()));
        Integer cluster = clusterIndex.get(labels.path(MeridianLabels.CLUSTER).asText(""));
        if (t == null || cluster == null) {
            return;
        }
        t.work.compareAndSet(cluster, 0, nanos);
        for (JsonNode m : event.path("object").path("status").path("manifestStatuses")) {
            if ("Deployment".equals(m.path("identifier").path("kind").asText())
                    && "Healthy".equals(m.path("health").asText())) {
                t.workHealthy.compareAndSet(cluster, 0, nanos);
            }
        }
    }

    private void member(int cluster, JsonNode event, long nanos) {
        if (!"ADDED".equals(event.path("type").asText())
                && !"MODIFIED".equals(event.path("type").asText())) {
            return;
        }
        JsonNode object = event.path("object");
        Track t = tracks.get(object.path("metadata").path("name").asText());
        if (t == null) {
            return;
        }
        t.member.compareAndSet(cluster, 0, nanos);
        JsonNode status = object.path("status");
        long desired = object.path("spec").path("replicas").asLong(1);
        if (status.path("readyReplicas").asLong(0) == desired
                && status.path("observedGeneration").asLong(-1)
                        == object.path("metadata").path("generation").asLong(-2)) {
            t.memberReady.compareAndSet(cluster, 0, nanos);
        }
    }

    /** The first failure of a stream that keeps failing, for the report; null when all are well. */
    Throwable streamError() {
        return watches.stream()
                .map(Api.Watch::lastError)
                .filter(e -> e != null)
                .findFirst()
                .orElse(null);
    }

    @Override
    public void close() {
        watches.forEach(Api.Watch::close);
    }
}
