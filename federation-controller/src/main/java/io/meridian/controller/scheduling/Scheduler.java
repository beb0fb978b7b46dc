package io.meridian.controller.scheduling;

import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.policy.ClusterAffinity;
import io.meridian.api.model.policy.Placement;
import io.meridian.api.model.policy.ReplicaDivisionPreference;
import io.meridian.api.model.policy.ReplicaScheduling;
import io.meridian.api.model.policy.ReplicaSchedulingType;
import io.meridian.api.model.policy.SpreadByField;
import io.meridian.api.model.policy.SpreadConstraint;
import io.meridian.api.model.policy.StaticClusterWeight;
import io.meridian.api.model.policy.WeightPreference;
import io.meridian.api.model.work.TargetCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Places one workload on member clusters.
 *
 * <ol>
 *   <li><b>Filter.</b> A cluster is left out when the placement's {@code clusterAffinity} does not
 *       include it, when its taints are not tolerated or it is not Ready ({@link TaintCheck} has
 *       the exact rules, including how a cluster that already holds the workload keeps it), when a
 *       spread constraint groups by region or zone and it has none, or when a static weight list
 *       gives it no weight.
 *   <li><b>Select.</b> The spread constraints choose among the remaining clusters, preferring those
 *       that already hold the workload, then fewer untolerated PreferNoSchedule taints, then more
 *       room; see {@link SpreadSelector}. Without constraints every remaining cluster is chosen,
 *       except under the Aggregated division, which chooses as few as have room enough.
 *   <li><b>Assign replicas.</b> A workload without replicas goes as it is to every chosen cluster;
 *       Duplicated gives every chosen cluster all replicas; Divided shares them with {@link
 *       ReplicaDivider} by the static weights, by equal weights when there are none, or by room
 *       (dynamic weights by available replicas, and Aggregated), staying as close to the previous
 *       result as the weights allow. Clusters that end with no replica are left out of a Divided
 *       result, unless the workload has zero replicas, in which case every chosen cluster gets zero.
 * </ol>
 *
 * <p>Room is the number of replicas that fit in a cluster's free capacity ({@link ReplicaCapacity})
 * plus those the previous result gave it. It matters for dynamic weights and Aggregated, which fail
 * when the chosen clusters lack room for all replicas, and ranks clusters otherwise; Duplicated and
 * static weights do not check it.
 */
public final class Scheduler {

    private Scheduler() {}

    /** Schedules {@code request}; never throws for a request that cannot be placed. */
    public static SchedulingResult schedule(SchedulingRequest request) {
        Integer replicas = request.replicas();
        if (replicas != null && replicas < 0) {
            return error("the workload asks for " + replicas + " replicas");
        }
        Placement placement = request.placement() == null ? new Placement(null, null, null, null) : request.placement();
        Mode mode = Mode.of(placement.replicaScheduling(), replicas);
        List<StaticClusterWeight> weights = mode == Mode.STATIC
                ? placement.replicaScheduling().weightPreference().staticWeightList()
                : List.of();
        for (StaticClusterWeight weight : weights) {
            if (weight == null || weight.weight() == null || weight.weight() < 1) {
                return error("every static weight must be at least 1");
            }
        }

        Map<String, Integer> previous = new HashMap<>();
        for (TargetCluster target : request.previous()) {
            previous.putIfAbsent(target.name(), target.replicas() == null ? 0 : target.replicas());
        }
        TaintCheck taints = new TaintCheck(placement.clusterTolerations(), request.failover(), request.now());
        Set<SpreadByField> spreadFields = placement.spreadConstraints().stream()
                .filter(c -> c != null && c.spreadByField() != null)
                .map(SpreadConstraint::spreadByField)
                .collect(Collectors.toSet());

        List<ClusterExclusion> excluded = new ArrayList<>();
        List<Feasible> feasible = new ArrayList<>();
        Map<String, Long> staticWeights = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int candidates = 0;
        for (ClusterCandidate cluster : request.clusters()) {
            if (cluster == null || cluster.name() == null || !seen.add(cluster.name())) {
                continue;
            }
            candidates++;
            String affinityMiss = affinityMiss(placement.clusterAffinity(), cluster);
            if (affinityMiss != null) {
                excluded.add(new ClusterExclusion(cluster.name(), SchedulingFilter.CLUSTER_AFFINITY, affinityMiss));
                continue;
            }
            boolean placed = previous.containsKey(cluster.name());
            TaintCheck.Verdict verdict = taints.check(cluster, placed);
            if (verdict.excluded()) {
                excluded.add(
                        new ClusterExclusion(cluster.name(), SchedulingFilter.TAINT_TOLERATION, verdict.exclusion()));
                continue;
            }
            if (spreadFields.contains(SpreadByField.REGION) && cluster.region() == null) {
                excluded.add(new ClusterExclusion(
                        cluster.name(), SchedulingFilter.SPREAD_CONSTRAINT, "without a region to spread by"));
                continue;
            }
            if (spreadFields.contains(SpreadByField.ZONE) && cluster.zone() == null) {
                excluded.add(new ClusterExclusion(
                        cluster.name(), SchedulingFilter.SPREAD_CONSTRAINT, "without a zone to spread by"));
                continue;
            }
            if (mode == Mode.STATIC) {
                long weight = staticWeight(weights, cluster);
                if (weight == 0) {
                    excluded.add(new ClusterExclusion(
                            cluster.name(), SchedulingFilter.REPLICA_SCHEDULING, "matching no static weight entry"));
                    continue;
                }
                staticWeights.put(cluster.name(), weight);
            }
            int before = previous.getOrDefault(cluster.name(), 0);
            long fit = ReplicaCapacity.replicasThatFit(cluster.resources(), request.replicaRequest());
            long room = verdict.frozen() ? before : Math.min(ReplicaCapacity.UNLIMITED, fit + before);
            feasible.add(new Feasible(cluster, placed, before, verdict.penalty(), verdict.frozen(), room));
        }
        if (feasible.isEmpty()) {
            return new SchedulingResult.Unschedulable(
                    ConditionReasons.NO_CLUSTER_FIT, SchedulingResult.summarize(candidates, excluded), excluded);
        }

        feasible.sort(Feasible.PREFERENCE);
        long needed = mode.byRoom() ? replicas : 0;
        SpreadSelector.Outcome outcome =
                SpreadSelector.select(placement.spreadConstraints(), mode == Mode.AGGREGATED, needed, feasible);
        if (!outcome.ok()) {
            String message = SchedulingResult.summarize(candidates, excluded) + "; " + outcome.failure();
            return outcome.invalid()
                    ? new SchedulingResult.Unschedulable(ConditionReasons.SCHEDULER_ERROR, message, excluded)
                    : new SchedulingResult.Unschedulable(ConditionReasons.NO_CLUSTER_FIT, message, excluded);
        }
        List<Feasible> selected = outcome.selected();
        Set<String> selectedNames = selected.stream().map(Feasible::name).collect(Collectors.toSet());
        for (Feasible cluster : feasible) {
            if (!selectedNames.contains(cluster.name())) {
                excluded.add(new ClusterExclusion(
                        cluster.name(),
                        mode == Mode.AGGREGATED && placement.spreadConstraints().isEmpty()
                                ? SchedulingFilter.REPLICA_SCHEDULING
                                : SchedulingFilter.SPREAD_CONSTRAINT,
                        mode == Mode.AGGREGATED
                                ? "not needed by the Aggregated division"
                                : "not selected by the spread constraints"));
            }
        }

        List<TargetCluster> targets = new ArrayList<>();
        switch (mode) {
            case NOT_REPLICATED -> selected.forEach(c -> targets.add(TargetCluster.of(c.name(), null)));
            case DUPLICATED -> selected.forEach(c -> targets.add(TargetCluster.of(c.name(), replicas)));
            default -> {
                List<ReplicaDivider.Share> shares = new ArrayList<>();
                for (Feasible cluster : selected) {
                    long weight = switch (mode) {
                        case STATIC -> staticWeights.get(cluster.name());
                        case EQUAL -> 1;
                        default -> cluster.room();
                    };
                    long cap = mode.byRoom() || cluster.frozen() ? cluster.room() : Long.MAX_VALUE;
                    shares.add(new ReplicaDivider.Share(cluster.name(), weight, cap, cluster.previous()));
                }
                if (!ReplicaDivider.feasible(replicas, shares)) {
                    String message = SchedulingResult.summarize(candidates, excluded) + "; the selected clusters have"
                            + " room for "
                            + shares.stream()
                                    .mapToLong(s -> Math.min(s.cap(), replicas))
                                    .sum()
                            + " of " + replicas + " replicas: "
                            + selected.stream()
                                    .filter(Feasible::frozen)
                                    .map(c -> c.name() + " (" + c.previous() + ")")
                                    .collect(Collectors.joining(", "))
                            + " may keep their replicas but gain none (untolerated NoSchedule taint, not Ready, or"
                            + " a NoExecute toleration running out)";
                    return new SchedulingResult.Unschedulable(ConditionReasons.NO_CLUSTER_FIT, message, excluded);
                }
                Map<String, Integer> division = ReplicaDivider.divide(replicas, shares);
                division.forEach((name, count) -> {
                    if (count > 0 || replicas == 0) {
                        targets.add(TargetCluster.of(name, count));
                    } else {
                        excluded.add(new ClusterExclusion(
                                name, SchedulingFilter.REPLICA_SCHEDULING, "given no replica by the division"));
                    }
                });
            }
        }
        targets.sort(Comparator.comparing(TargetCluster::name));
        return new SchedulingResult.Scheduled(targets, orderLike(request.clusters(), excluded));
    }

    private static SchedulingResult error(String message) {
        return new SchedulingResult.Unschedulable(ConditionReasons.SCHEDULER_ERROR, message, List.of());
    }

    /** Why {@code affinity} leaves {@code cluster} out, or null if it includes it. */
    private static String affinityMiss(ClusterAffinity affinity, ClusterCandidate cluster) {
        if (affinity == null || affinity.matches(cluster.name(), cluster.region(), cluster.labels())) {
            return null;
        }
        if (affinity.exclude().contains(cluster.name())) {
            return "excluded by the cluster affinity";
        }
        if (!affinity.clusterNames().isEmpty() && !affinity.clusterNames().contains(cluster.name())) {
            return "not named by the cluster affinity";
        }
        if (!affinity.regions().isEmpty()
                && (cluster.region() == null || !affinity.regions().contains(cluster.region()))) {
            return "outside the cluster affinity's regions";
        }
        return "not matching the cluster affinity's label selector";
    }

    /** The weight of the first entry whose target includes {@code cluster}, or zero. */
    private static long staticWeight(List<StaticClusterWeight> weights, ClusterCandidate cluster) {
        for (StaticClusterWeight weight : weights) {
            ClusterAffinity target = weight.targetCluster();
            if (target == null || target.matches(cluster.name(), cluster.region(), cluster.labels())) {
                return weight.weight();
            }
        }
        return 0;
    }

    private static List<ClusterExclusion> orderLike(List<ClusterCandidate> clusters, List<ClusterExclusion> excluded) {
        Map<String, Integer> order = new LinkedHashMap<>();
        for (ClusterCandidate cluster : clusters) {
            if (cluster != null) {
                order.putIfAbsent(cluster.name(), order.size());
            }
        }
        return excluded.stream()
                .sorted(Comparator.comparingInt(e -> order.getOrDefault(e.cluster(), Integer.MAX_VALUE)))
                .toList();
    }

    /** How replicas are assigned. */
    private enum Mode {
        NOT_REPLICATED,
        DUPLICATED,
        STATIC,
        EQUAL,
        DYNAMIC,
        AGGREGATED;

        boolean byRoom() {
            return this == DYNAMIC || this == AGGREGATED;
        }

        static Mode of(ReplicaScheduling scheduling, Integer replicas) {
            if (replicas == null) {
                return NOT_REPLICATED;
            }
            if (scheduling == null || scheduling.replicaSchedulingType() != ReplicaSchedulingType.DIVIDED) {
                return DUPLICATED;
            }
            if (scheduling.replicaDivisionPreference() == ReplicaDivisionPreference.AGGREGATED) {
                return AGGREGATED;
            }
            WeightPreference preference = scheduling.weightPreference();
            if (preference == null) {
                return EQUAL;
            }
            if (preference.dynamicWeight() != null) {
                return DYNAMIC;
            }
            return preference.staticWeightList().isEmpty() ? EQUAL : STATIC;
        }
    }
}
