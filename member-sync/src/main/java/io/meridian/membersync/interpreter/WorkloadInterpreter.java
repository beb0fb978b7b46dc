package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The common ground of kinds that run pods from a template: dependencies and per-replica requests
 * come from the pod spec, and status is a set of counters summed over clusters plus an
 * observedGeneration that only moves when every cluster has caught up.
 */
abstract class WorkloadInterpreter extends GenericInterpreter {

    /** Where the pod spec sits in this kind, such as {@code spec.template.spec}. */
    abstract List<String> podSpecPath();

    /** The status counters summed over clusters; empty for kinds whose status is not counted. */
    List<String> counters() {
        return List.of();
    }

    /** The counters newer API versions added; they are left out unless some cluster reports them. */
    Set<String> optionalCounters() {
        return Set.of();
    }

    final JsonNode podSpec(JsonNode object) {
        return Trees.at(object, podSpecPath().toArray(String[]::new));
    }

    @Override
    List<DependentObjectReference> dependenciesOf(ObjectNode object) {
        return PodSpecs.dependencies(podSpec(object), namespace(object));
    }

    /** Whether the member's controller has not yet acted on the object's latest spec. */
    static boolean generationLags(JsonNode object) {
        Optional<Long> generation = Trees.number(object, "metadata", "generation");
        Optional<Long> observed = Trees.number(object, "status", "observedGeneration");
        return generation.isPresent() && observed.orElse(0L) < generation.get();
    }

    /**
     * The counters, observedGeneration and conditions of the status, with the member object's
     * generation beside them so that the aggregator can tell whether the member has caught up.
     */
    @Override
    Optional<ObjectNode> reflectStatusOf(ObjectNode object) {
        Optional<ObjectNode> status = Trees.status(object);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode snapshot = Trees.pick(status.get(), counters().toArray(String[]::new));
        snapshot.setAll(Trees.pick(status.get(), "observedGeneration", "conditions"));
        Trees.number(object, "metadata", "generation").ifPresent(g -> snapshot.put("generation", g));
        return Optional.of(snapshot);
    }

    @Override
    Optional<ObjectNode> aggregateStatusOf(ObjectNode template, List<MemberStatus> members) {
        ObjectNode status = Trees.NODES.objectNode();
        sumCounters(status, members);
        observedGeneration(template, members).ifPresent(g -> status.put("observedGeneration", g));
        putConditions(status, StatusConditions.merge(members));
        return Optional.of(status);
    }

    final void sumCounters(ObjectNode status, List<MemberStatus> members) {
        for (String counter : counters()) {
            boolean reported = false;
            long sum = 0;
            for (MemberStatus member : members) {
                Optional<Long> value = Trees.number(member.view(), counter);
                if (value.isPresent()) {
                    reported = true;
                    sum += value.get();
                }
            }
            if (reported || !optionalCounters().contains(counter)) {
                status.put(counter, sum);
            }
        }
    }

    /**
     * The template's generation once every cluster has a status whose observedGeneration reaches the
     * member object's generation; until then the template's previous observedGeneration, so that
     * {@code kubectl rollout status} against the federation waits for all clusters.
     */
    static Optional<Long> observedGeneration(JsonNode template, List<MemberStatus> members) {
        Optional<Long> generation = Trees.number(template, "metadata", "generation");
        boolean caughtUp = !members.isEmpty() && members.stream().allMatch(WorkloadInterpreter::caughtUp);
        if (caughtUp && generation.isPresent()) {
            return generation;
        }
        return Trees.number(template, "status", "observedGeneration");
    }

    private static boolean caughtUp(MemberStatus member) {
        if (!member.reported()) {
            return false;
        }
        Optional<Long> observed = Trees.number(member.status(), "observedGeneration");
        Optional<Long> generation = Trees.number(member.status(), "generation");
        if (observed.isEmpty()) {
            return false;
        }
        return generation.isEmpty() || observed.get() >= generation.get();
    }
}
