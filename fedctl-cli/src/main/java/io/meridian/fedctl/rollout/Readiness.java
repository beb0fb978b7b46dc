package io.meridian.fedctl.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.CustomResource;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.work.AggregatedStatusItem;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceBindingStatus;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.TargetCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a federated object is rolled out, judged from what the controller writes: its binding
 * (scheduling result, per-cluster aggregated status, Scheduled and FullyApplied) and, for workloads,
 * the aggregated {@code status.observedGeneration} of the object itself, which the controller only
 * moves once every member reports on the current version. Pure.
 *
 * <p>An object is ready when it is scheduled, its FullyApplied condition is True for the binding's
 * current generation, every target cluster has applied it and reports it Healthy, and, if it has
 * replicas, its aggregated status has observed the generation that was applied.
 */
public final class Readiness {

    private Readiness() {}

    /**
     * @param binding the object's ResourceBinding or ClusterResourceBinding; null if there is none
     * @param object the federated object as the API has it now; null if unknown
     * @param members the member clusters' health by name; a cluster missing from it counts as not Ready
     */
    public static WorkloadProgress evaluate(
            Target target,
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding,
            GenericKubernetesResource object,
            Map<String, ClusterHealth> members) {
        if (binding == null || binding.getSpec() == null || !sameObject(target, binding.getSpec())) {
            return new WorkloadProgress(target, Phase.PENDING, "not bound yet", List.of());
        }
        ResourceBindingSpec spec = binding.getSpec();
        ResourceBindingStatus status = binding.getStatus();
        long generation = binding.getMetadata().getGeneration() == null
                ? 0
                : binding.getMetadata().getGeneration();
        List<Condition> conditions = status == null ? List.of() : status.conditions();
        List<ClusterProgress> clusters = clusters(spec, status, members);

        Optional<Condition> scheduled = Conditions.find(conditions, ConditionTypes.SCHEDULED);
        if (scheduled.isPresent() && scheduled.get().status() == ConditionStatus.FALSE) {
            return new WorkloadProgress(
                    target, Phase.UNSCHEDULABLE, scheduled.get().message(), clusters);
        }
        boolean scheduledNow = scheduled.isPresent()
                && scheduled.get().status() == ConditionStatus.TRUE
                && status.schedulerObservedGeneration() != null
                && status.schedulerObservedGeneration() >= generation;
        if (!scheduledNow) {
            return new WorkloadProgress(target, Phase.PROGRESSING, "being scheduled", clusters);
        }
        if (spec.clusters().isEmpty()) {
            return new WorkloadProgress(target, Phase.UNSCHEDULABLE, "scheduled to no cluster", clusters);
        }
        // A cluster that went dark fails its applies too; that is the news, not the failures.
        List<ClusterProgress> dark =
                clusters.stream().filter(c -> !c.clusterReady()).toList();
        if (!dark.isEmpty()) {
            return new WorkloadProgress(target, Phase.DEGRADED, degradedSummary(clusters, dark), clusters);
        }
        Optional<Condition> applied = Conditions.find(conditions, ConditionTypes.FULLY_APPLIED);
        boolean appliedCurrent = applied.isPresent()
                && (applied.get().observedGeneration() == null || applied.get().observedGeneration() >= generation);
        if (appliedCurrent
                && applied.get().status() == ConditionStatus.FALSE
                && (ConditionReasons.APPLY_FAILED.equals(applied.get().reason())
                        || ConditionReasons.CONFLICT.equals(applied.get().reason()))) {
            return new WorkloadProgress(target, Phase.FAILED, applied.get().message(), clusters);
        }
        long readyClusters = clusters.stream().filter(ClusterProgress::ready).count();
        boolean observed = observedCurrent(target, spec, object);
        boolean done = appliedCurrent
                && applied.get().status() == ConditionStatus.TRUE
                && readyClusters == clusters.size()
                && observed;
        if (done) {
            return new WorkloadProgress(target, Phase.READY, readySummary(clusters), clusters);
        }
        return new WorkloadProgress(target, Phase.PROGRESSING, waitingSummary(clusters, observed), clusters);
    }

    private static boolean sameObject(Target target, ResourceBindingSpec spec) {
        if (spec.resource() == null) {
            return false;
        }
        String uid = spec.resource().uid();
        return target.uid() == null || uid == null || target.uid().equals(uid);
    }

    private static List<ClusterProgress> clusters(
            ResourceBindingSpec spec, ResourceBindingStatus status, Map<String, ClusterHealth> members) {
        Map<String, AggregatedStatusItem> items = status == null
                ? Map.of()
                : status.aggregatedStatus().stream()
                        .filter(i -> i != null && i.clusterName() != null)
                        .collect(Collectors.toMap(AggregatedStatusItem::clusterName, Function.identity(), (a, b) -> a));
        List<ClusterProgress> rows = new ArrayList<>();
        for (TargetCluster t : spec.clusters()) {
            ClusterHealth member = members.getOrDefault(t.name(), ClusterHealth.missing(t.name()));
            AggregatedStatusItem item = items.get(t.name());
            if (item == null) {
                rows.add(new ClusterProgress(
                        t.name(),
                        member.ready(),
                        member.text(),
                        t.replicas(),
                        false,
                        null,
                        ResourceHealth.UNKNOWN,
                        member.ready() ? "not reported yet" : "cluster not Ready: " + member.message()));
                continue;
            }
            ResourceHealth reported = item.health() == null ? ResourceHealth.UNKNOWN : item.health();
            String message = item.appliedMessage();
            if (!member.ready()) {
                // the last report predates the outage: say what it was, but do not vouch for it
                message = "cluster not Ready"
                        + (member.message() == null ? "" : ": " + member.message())
                        + "; last reported " + healthText(reported);
                reported = ResourceHealth.UNKNOWN;
            }
            rows.add(new ClusterProgress(
                    t.name(),
                    member.ready(),
                    member.text(),
                    t.replicas(),
                    Boolean.TRUE.equals(item.applied()),
                    readyReplicas(item.status()),
                    reported,
                    message));
        }
        rows.sort(Comparator.comparing(ClusterProgress::cluster));
        return rows;
    }

    private static Integer readyReplicas(JsonNode status) {
        if (status == null) {
            return null;
        }
        JsonNode ready = status.get("readyReplicas");
        if (ready != null && ready.isNumber()) {
            return ready.intValue();
        }
        // Jobs report succeeded and active pods rather than ready replicas.
        JsonNode succeeded = status.get("succeeded");
        return succeeded != null && succeeded.isNumber() ? succeeded.intValue() : null;
    }

    /**
     * Whether the object's own aggregated status describes the applied version. Only workloads with
     * replicas are held to it; for them the controller writes {@code status.observedGeneration}.
     */
    private static boolean observedCurrent(Target target, ResourceBindingSpec spec, GenericKubernetesResource object) {
        if (spec.replicas() == null || target.generation() == null || object == null) {
            return true;
        }
        if (target.uid() != null && !target.uid().equals(object.getMetadata().getUid())) {
            return false;
        }
        Object status = object.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> map) || !(map.get("observedGeneration") instanceof Number observed)) {
            return false;
        }
        return observed.longValue() >= target.generation();
    }

    private static String readySummary(List<ClusterProgress> clusters) {
        int replicas = clusters.stream()
                .map(ClusterProgress::replicas)
                .filter(Objects::nonNull)
                .mapToInt(Integer::intValue)
                .sum();
        boolean replicated = clusters.stream().anyMatch(c -> c.replicas() != null);
        String where = clusters.size() == 1 ? "1 cluster" : clusters.size() + " clusters";
        return replicated ? replicas + "/" + replicas + " replicas ready in " + where : "applied in " + where;
    }

    private static String healthText(ResourceHealth health) {
        return switch (health) {
            case HEALTHY -> "Healthy";
            case UNHEALTHY -> "Unhealthy";
            case UNKNOWN -> "Unknown";
        };
    }

    private static String degradedSummary(List<ClusterProgress> clusters, List<ClusterProgress> dark) {
        String which =
                dark.stream().map(c -> c.cluster() + " is " + c.clusterState()).collect(Collectors.joining(", "));
        boolean replicated = clusters.stream().anyMatch(c -> c.replicas() != null);
        if (!replicated) {
            return which;
        }
        int want = clusters.stream()
                .map(ClusterProgress::replicas)
                .filter(Objects::nonNull)
                .mapToInt(Integer::intValue)
                .sum();
        int ready = clusters.stream()
                .filter(ClusterProgress::ready)
                .map(ClusterProgress::readyReplicas)
                .filter(Objects::nonNull)
                .mapToInt(Integer::intValue)
                .sum();
        return which + "; " + Math.min(ready, want) + "/" + want + " replicas ready in Ready clusters";
    }

    private static String waitingSummary(List<ClusterProgress> clusters, boolean observed) {
        long applied = clusters.stream().filter(ClusterProgress::applied).count();
        if (applied < clusters.size()) {
            List<String> waiting = clusters.stream()
                    .filter(c -> !c.applied())
                    .map(ClusterProgress::cluster)
                    .toList();
            return "applied in " + applied + " of " + clusters.size() + " clusters; waiting for "
                    + String.join(", ", waiting);
        }
        boolean replicated = clusters.stream().anyMatch(c -> c.replicas() != null);
        if (replicated) {
            int want = clusters.stream()
                    .map(ClusterProgress::replicas)
                    .filter(Objects::nonNull)
                    .mapToInt(Integer::intValue)
                    .sum();
            int ready = clusters.stream()
                    .map(ClusterProgress::readyReplicas)
                    .filter(Objects::nonNull)
                    .mapToInt(Integer::intValue)
                    .sum();
            List<String> behind = clusters.stream()
                    .filter(c -> !c.ready())
                    .map(c -> c.cluster() + " " + c.readyText())
                    .toList();
            String text = Math.min(ready, want) + "/" + want + " replicas ready";
            if (!behind.isEmpty()) {
                return text + " (" + String.join(", ", behind) + ")";
            }
            return observed ? text : text + "; waiting for the status of the new version";
        }
        List<String> unhealthy = clusters.stream()
                .filter(c -> !c.ready())
                .map(c -> c.cluster() + " " + c.healthText())
                .toList();
        return unhealthy.isEmpty()
                ? "waiting for the members' reports"
                : "not healthy in " + String.join(", ", unhealthy);
    }
}
