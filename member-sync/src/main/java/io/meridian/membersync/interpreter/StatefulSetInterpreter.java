package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.work.ResourceHealth;
import java.util.List;

/**
 * apps/StatefulSet. Healthy once the controller has observed the latest generation, the pods at or
 * above a rolling update's partition are updated (any pods with OnDelete updates), and every desired
 * replica is available.
 */
final class StatefulSetInterpreter extends ScalableWorkloadInterpreter {

    private static final List<String> COUNTERS =
            List.of("replicas", "readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas");

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
        long desired = desiredReplicas(object);
        boolean onDelete = "OnDelete"
                .equals(Trees.at(object, "spec", "updateStrategy", "type").asText());
        if (!onDelete) {
            long partition = Trees.number(object, 0L, "spec", "updateStrategy", "rollingUpdate", "partition");
            if (Trees.number(status, 0L, "updatedReplicas") < desired - partition) {
                return ResourceHealth.UNHEALTHY;
            }
        }
        // availableReplicas arrived in Kubernetes 1.22; older members only count ready pods.
        long available =
                Trees.number(status, "availableReplicas").orElseGet(() -> Trees.number(status, 0L, "readyReplicas"));
        return available < desired ? ResourceHealth.UNHEALTHY : ResourceHealth.HEALTHY;
    }
}
