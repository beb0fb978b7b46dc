package io.meridian.controller.scheduling;

import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.work.TargetCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@link Scheduler#schedule} decided: target clusters, or why there are none. */
public sealed interface SchedulingResult {

    /** The candidates left out, with the reason for each, in the order of the request's clusters. */
    List<ClusterExclusion> excluded();

    /** A reason for the binding's Scheduled condition, from {@link ConditionReasons}. */
    String reason();

    /** A message for the binding's Scheduled condition. */
    String message();

    /**
     * The workload goes to these clusters.
     *
     * @param clusters the target clusters sorted by name; replicas are null for a workload without
     *     replicas
     */
    record Scheduled(List<TargetCluster> clusters, List<ClusterExclusion> excluded) implements SchedulingResult {
        public Scheduled {
            clusters = List.copyOf(clusters);
            excluded = List.copyOf(excluded);
        }

        @Override
        public String reason() {
            return ConditionReasons.SCHEDULED;
        }

        /** Such as {@code scheduled to a (4), b (2), c (2)}. */
        @Override
        public String message() {
            String targets = clusters.stream()
                    .map(c -> c.replicas() == null ? c.name() : c.name() + " (" + c.replicas() + ")")
                    .collect(Collectors.joining(", "));
            return clusters.isEmpty() ? "scheduled to no cluster" : "scheduled to " + targets;
        }

        /** Cluster name to replicas; values are null for a workload without replicas. */
        public Map<String, Integer> replicasByCluster() {
            Map<String, Integer> map = new LinkedHashMap<>();
            clusters.forEach(c -> map.put(c.name(), c.replicas()));
            return map;
        }
    }

    /**
     * No valid placement exists; the previous result should stay in force.
     *
     * @param reason {@link ConditionReasons#NO_CLUSTER_FIT}, or {@link
     *     ConditionReasons#SCHEDULER_ERROR} for a request that cannot be scheduled as written
     * @param message what failed and, for the filters, which cluster each removed, in the style of
     *     {@code 0/3 clusters are available: 1 not Ready (c), 2 outside the cluster affinity (a, b)}
     */
    record Unschedulable(String reason, String message, List<ClusterExclusion> excluded) implements SchedulingResult {
        public Unschedulable {
            excluded = List.copyOf(excluded);
        }
    }

    /**
     * A summary of {@code excluded} out of {@code total} candidates, such as {@code 1/3 clusters are
     * available: 2 with untolerated taint x:NoSchedule (b, c)}.
     */
    static String summarize(int total, List<ClusterExclusion> excluded) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (ClusterExclusion exclusion : excluded) {
            byReason.computeIfAbsent(exclusion.reason(), r -> new ArrayList<>()).add(exclusion.cluster());
        }
        String reasons = byReason.entrySet().stream()
                .map(e -> e.getValue().size() + " " + e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
        String head = (total - excluded.size()) + "/" + total + " clusters are available";
        return reasons.isEmpty() ? head : head + ": " + reasons;
    }
}
