package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.work.ResourceHealth;
import java.util.List;

/**
 * apps/DaemonSet. It runs one pod per eligible node, so it has no replicas to divide. Healthy once
 * the latest generation is observed and every node that should run a pod runs an updated, available
 * one.
 */
final class DaemonSetInterpreter extends WorkloadInterpreter {

    private static final List<String> POD_SPEC = List.of("spec", "template", "spec");

    private static final List<String> COUNTERS = List.of(
            "currentNumberScheduled",
            "numberMisscheduled",
            "desiredNumberScheduled",
            "numberReady",
            "updatedNumberScheduled",
            "numberAvailable",
            "numberUnavailable");

    @Override
    List<String> podSpecPath() {
        return POD_SPEC;
    }

    @Override
    List<String> counters() {
        return COUNTERS;
    }

    @Override
    ResourceHealth healthOf(ObjectNode object) {
        if (Trees.status(object).isEmpty()) {
            return ResourceHealth.UNKNOWN;
        }
        if (generationLags(object)) {
            return ResourceHealth.UNHEALTHY;
        }
        JsonNode status = object.path("status");
        long desired = Trees.number(status, 0L, "desiredNumberScheduled");
        if (Trees.number(status, 0L, "updatedNumberScheduled") < desired
                || Trees.number(status, 0L, "numberAvailable") < desired) {
            return ResourceHealth.UNHEALTHY;
        }
        return ResourceHealth.HEALTHY;
    }
}
