package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.work.ResourceHealth;
import java.util.List;
import java.util.Set;

/**
 * apps/Deployment. Healthy once the rollout is complete, as {@code kubectl rollout status} sees it:
 * the controller has observed the latest generation, every desired replica is updated and
 * available, and no old replica is left.
 */
final class DeploymentInterpreter extends ScalableWorkloadInterpreter {

    private static final List<String> COUNTERS = List.of(
            "replicas",
            "updatedReplicas",
            "readyReplicas",
            "availableReplicas",
            "unavailableReplicas",
            "terminatingReplicas");

    @Override
    List<String> counters() {
        return COUNTERS;
    }

    @Override
    Set<String> optionalCounters() {
        return Set.of("terminatingReplicas");
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
        long desired = desiredReplicas(object);
        long updated = Trees.number(status, 0L, "updatedReplicas");
        long total = Trees.number(status, 0L, "replicas");
        long available = Trees.number(status, 0L, "availableReplicas");
        if (updated < desired || total > updated || available < updated) {
            return ResourceHealth.UNHEALTHY;
        }
        return ResourceHealth.HEALTHY;
    }
}
