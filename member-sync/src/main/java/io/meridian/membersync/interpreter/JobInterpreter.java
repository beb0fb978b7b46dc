package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.TargetCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * batch/Job. Its replicas are {@code spec.parallelism}. Divided over clusters, each cluster also
 * completes a share of {@code spec.completions} in proportion to its parallelism. Healthy while it
 * runs and once it completes; unhealthy when it failed or is about to (FailureTarget).
 */
final class JobInterpreter extends WorkloadInterpreter {

    static final String COMPLETE = "Complete";
    static final String FAILED = "Failed";
    private static final String FAILURE_TARGET = "FailureTarget";

    private static final List<String> POD_SPEC = List.of("spec", "template", "spec");
    private static final List<String> COUNTERS = List.of("active", "succeeded", "failed", "ready", "terminating");

    /** Labels the Job controller puts on the pod template and selector it generates. */
    private static final List<String> CONTROLLER_LABELS =
            List.of("controller-uid", "batch.kubernetes.io/controller-uid", "job-name", "batch.kubernetes.io/job-name");

    @Override
    List<String> podSpecPath() {
        return POD_SPEC;
    }

    @Override
    List<String> counters() {
        return COUNTERS;
    }

    @Override
    Set<String> optionalCounters() {
        return Set.of("ready", "terminating");
    }

    @Override
    Optional<WorkloadReplicas> replicasOf(ObjectNode object) {
        long parallelism = Trees.number(object, 1L, "spec", "parallelism");
        return Optional.of(
                new WorkloadReplicas(Math.toIntExact(Math.max(0, parallelism)), PodSpecs.requests(podSpec(object))));
    }

    @Override
    void reviseReplicasIn(ObjectNode object, int replicas) {
        Trees.object(object, "spec").put("parallelism", replicas);
    }

    @Override
    Map<String, ObjectNode> divideReplicasOf(ObjectNode template, List<TargetCluster> targets) {
        Map<String, ObjectNode> copies = super.divideReplicasOf(template, targets);
        Optional<Long> completions = Trees.number(template, "spec", "completions");
        // Without completions the pods work off a queue until one succeeds; there is nothing to share.
        if (completions.isEmpty() || targets.isEmpty()) {
            return copies;
        }
        long[] shares = proportionalShares(
                completions.get(),
                targets.stream()
                        .mapToLong(t -> t.replicas() == null ? 0 : t.replicas())
                        .toArray());
        Map<String, ObjectNode> result = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, ObjectNode> copy : copies.entrySet()) {
            Trees.object(copy.getValue(), "spec").put("completions", shares[i++]);
            result.put(copy.getKey(), copy.getValue());
        }
        return result;
    }

    /**
     * {@code total} split by {@code weights} with the largest-remainder method, so that the shares
     * add up to {@code total}; ties go to the earlier target, and equal weights stand in when all
     * are zero.
     */
    static long[] proportionalShares(long total, long[] weights) {
        long weightSum = 0;
        for (long weight : weights) {
            weightSum += weight;
        }
        long[] effective = weights.clone();
        if (weightSum == 0) {
            Arrays.fill(effective, 1);
            weightSum = effective.length;
        }
        long[] shares = new long[effective.length];
        long[] remainders = new long[effective.length];
        long assigned = 0;
        for (int i = 0; i < effective.length; i++) {
            shares[i] = Math.multiplyExact(total, effective[i]) / weightSum;
            remainders[i] = Math.multiplyExact(total, effective[i]) % weightSum;
            assigned += shares[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < effective.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> remainders[i]).reversed());
        for (int k = 0; assigned < total; k++, assigned++) {
            shares[order.get(k % order.size())]++;
        }
        return shares;
    }

    /**
     * The Job controller generates the selector and labels the pod template with it; both are
     * immutable, so an update must carry them.
     */
    @Override
    void retainIn(ObjectNode desired, ObjectNode observed) {
        if (Trees.isTrue(desired, "spec", "manualSelector")) {
            return;
        }
        JsonNode selector = Trees.at(observed, "spec", "selector");
        if (selector.isObject()) {
            Trees.object(desired, "spec").set("selector", selector.deepCopy());
        }
        JsonNode memberLabels = Trees.at(observed, "spec", "template", "metadata", "labels");
        for (String label : CONTROLLER_LABELS) {
            JsonNode value = memberLabels.get(label);
            if (value != null) {
                ObjectNode labels = Trees.object(desired, "spec", "template", "metadata", "labels");
                if (!labels.has(label)) {
                    labels.set(label, value.deepCopy());
                }
            }
        }
    }

    @Override
    ResourceHealth healthOf(ObjectNode object) {
        if (Trees.status(object).isEmpty()) {
            return ResourceHealth.UNKNOWN;
        }
        JsonNode status = object.path("status");
        if (StatusConditions.isTrue(status, FAILED) || StatusConditions.isTrue(status, FAILURE_TARGET)) {
            return ResourceHealth.UNHEALTHY;
        }
        return ResourceHealth.HEALTHY;
    }

    @Override
    Optional<ObjectNode> reflectStatusOf(ObjectNode object) {
        return Trees.status(object).map(status -> {
            ObjectNode snapshot = Trees.pick(status, COUNTERS.toArray(String[]::new));
            snapshot.setAll(Trees.pick(status, "conditions", "startTime", "completionTime"));
            return snapshot;
        });
    }

    /**
     * Counters summed; the earliest start; the latest completion once every cluster completed;
     * Complete when every cluster completed, Failed when any failed (naming them), other conditions
     * merged. A template whose status already says Complete or Failed is final and left alone, so
     * that members cleaning up finished Jobs do not undo it.
     */
    @Override
    Optional<ObjectNode> aggregateStatusOf(ObjectNode template, List<MemberStatus> members) {
        JsonNode current = template.path("status");
        if (StatusConditions.isTrue(current, COMPLETE) || StatusConditions.isTrue(current, FAILED)) {
            return Optional.empty();
        }
        ObjectNode status = Trees.NODES.objectNode();
        sumCounters(status, members);
        earliest(members, "startTime").ifPresent(time -> status.put("startTime", time));
        if (!members.isEmpty()
                && members.stream()
                        .allMatch(m -> Trees.time(m.view(), "completionTime").isPresent())) {
            latest(members, "completionTime").ifPresent(time -> status.put("completionTime", time));
        }

        ArrayNode conditions = StatusConditions.merge(members, type -> !type.equals(COMPLETE) && !type.equals(FAILED));
        failedCondition(members).ifPresent(conditions::add);
        if (!members.isEmpty() && members.stream().allMatch(m -> StatusConditions.isTrue(m.view(), COMPLETE))) {
            conditions.addAll(StatusConditions.merge(members, COMPLETE::equals));
        }
        putConditions(status, conditions);
        return Optional.of(status);
    }

    private static Optional<ObjectNode> failedCondition(List<MemberStatus> members) {
        List<MemberStatus> failed = members.stream()
                .filter(m -> StatusConditions.isTrue(m.view(), FAILED))
                .toList();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode condition =
                (ObjectNode) StatusConditions.merge(failed, FAILED::equals).get(0);
        // Where it failed matters more than a message every cluster shares.
        List<String> parts = new ArrayList<>();
        for (MemberStatus member : failed) {
            String message = StatusConditions.find(member.view(), FAILED)
                    .flatMap(c -> Trees.text(c, "message"))
                    .orElse("failed");
            parts.add(member.cluster() + ": " + message);
        }
        condition.put("message", String.join("; ", parts));
        return Optional.of(condition);
    }

    private static Optional<String> earliest(List<MemberStatus> members, String field) {
        return members.stream()
                .map(m -> Trees.time(m.view(), field)
                        .map(t -> Map.entry(t, m.view().get(field).asText())))
                .flatMap(Optional::stream)
                .min(Map.Entry.comparingByKey(Comparator.<Instant>naturalOrder()))
                .map(Map.Entry::getValue);
    }

    static Optional<String> latest(List<MemberStatus> members, String field) {
        return members.stream()
                .map(m -> Trees.time(m.view(), field)
                        .map(t -> Map.entry(t, m.view().get(field).asText())))
                .flatMap(Optional::stream)
                .max(Map.Entry.comparingByKey(Comparator.<Instant>naturalOrder()))
                .map(Map.Entry::getValue);
    }
}
