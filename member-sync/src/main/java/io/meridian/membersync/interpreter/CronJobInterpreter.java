package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * batch/CronJob. It has no replicas of its own (each run is a Job), and is healthy when it exists:
 * its status says when it last ran, not whether that went well. Status: the active Jobs of every
 * cluster, and the latest schedule and success times.
 */
final class CronJobInterpreter extends WorkloadInterpreter {

    private static final List<String> POD_SPEC = List.of("spec", "jobTemplate", "spec", "template", "spec");
    private static final String[] FIELDS = {"active", "lastScheduleTime", "lastSuccessfulTime"};

    @Override
    List<String> podSpecPath() {
        return POD_SPEC;
    }

    @Override
    Optional<ObjectNode> reflectStatusOf(ObjectNode object) {
        return Trees.status(object).map(status -> Trees.pick(status, FIELDS)).filter(s -> !s.isEmpty());
    }

    @Override
    Optional<ObjectNode> aggregateStatusOf(ObjectNode template, List<MemberStatus> members) {
        ObjectNode status = Trees.NODES.objectNode();
        ArrayNode active = Trees.NODES.arrayNode();
        for (MemberStatus member : members) {
            for (JsonNode job : Trees.elements(member.view(), "active")) {
                active.add(job.deepCopy());
            }
        }
        if (!active.isEmpty()) {
            status.set("active", active);
        }
        JobInterpreter.latest(members, "lastScheduleTime").ifPresent(t -> status.put("lastScheduleTime", t));
        JobInterpreter.latest(members, "lastSuccessfulTime").ifPresent(t -> status.put("lastSuccessfulTime", t));
        return Optional.of(status);
    }
}
