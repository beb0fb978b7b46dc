package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.work.ResourceHealth;
import java.util.List;
import java.util.Set;

/** apps/ReplicaSet. Healthy once the latest generation is observed and every desired replica is available. */
final class ReplicaSetInterpreter extends ScalableWorkloadInterpreter {

    private static final List<String> COUNTERS =
            List.of("replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "terminatingReplicas");

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
        long available = Trees.number(object, 0L, "status", "availableReplicas");
        return available < desiredReplicas(object) ? ResourceHealth.UNHEALTHY : ResourceHealth.HEALTHY;
    }
}
