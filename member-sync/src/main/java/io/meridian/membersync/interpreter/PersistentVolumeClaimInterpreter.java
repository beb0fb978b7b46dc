package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.work.ResourceHealth;
import java.util.List;
import java.util.Optional;

/**
 * core/PersistentVolumeClaim. Healthy once Bound (a claim waiting for its first consumer is Pending,
 * and so unhealthy until a pod uses it). Federated phase: Lost if any cluster lost its volume, else
 * Pending while any cluster is not Bound (or has not reported), else Bound.
 */
final class PersistentVolumeClaimInterpreter extends GenericInterpreter {

    private static final String BOUND = "Bound";
    private static final String PENDING = "Pending";
    private static final String LOST = "Lost";

    /** The member binds the volume and defaults the storage class; both are immutable once set. */
    @Override
    void retainIn(ObjectNode desired, ObjectNode observed) {
        ObjectNode spec = Trees.object(desired, "spec");
        for (String field : List.of("volumeName", "storageClassName")) {
            if (Trees.text(spec, field).isEmpty()) {
                Trees.text(observed, "spec", field).ifPresent(value -> spec.put(field, value));
            }
        }
    }

    @Override
    ResourceHealth healthOf(ObjectNode object) {
        Optional<String> phase = Trees.text(object, "status", "phase");
        if (phase.isEmpty()) {
            return ResourceHealth.UNKNOWN;
        }
        return phase.get().equals(BOUND) ? ResourceHealth.HEALTHY : ResourceHealth.UNHEALTHY;
    }

    @Override
    Optional<ObjectNode> reflectStatusOf(ObjectNode object) {
        return Trees.status(object).map(status -> Trees.pick(status, "phase", "capacity", "accessModes", "conditions"));
    }

    @Override
    Optional<ObjectNode> aggregateStatusOf(ObjectNode template, List<MemberStatus> members) {
        ObjectNode status = Trees.NODES.objectNode();
        if (!members.isEmpty()) {
            List<String> phases = members.stream()
                    .map(m -> Trees.text(m.view(), "phase").orElse(PENDING))
                    .toList();
            String phase = phases.contains(LOST) ? LOST : phases.stream().allMatch(BOUND::equals) ? BOUND : PENDING;
            status.put("phase", phase);
        }
        putConditions(status, StatusConditions.merge(members));
        return Optional.of(status);
    }
}
