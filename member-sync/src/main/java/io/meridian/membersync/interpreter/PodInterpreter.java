package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.work.ResourceHealth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * core/Pod: one replica, which cannot be revised. Healthy when Running and Ready, or Succeeded.
 * Federated phase: Failed if any cluster's failed, else Pending if any is pending (or has not
 * reported), else Running if any runs, else Succeeded.
 */
final class PodInterpreter extends WorkloadInterpreter {

    private static final List<String> POD_SPEC = List.of("spec");
    /** Worst first: the federated phase is the first of these that any cluster reports. */
    private static final List<String> PHASES = List.of("Failed", "Pending", "Running", "Succeeded");

    @Override
    List<String> podSpecPath() {
        return POD_SPEC;
    }

    @Override
    Optional<WorkloadReplicas> replicasOf(ObjectNode object) {
        return Optional.of(new WorkloadReplicas(1, PodSpecs.requests(podSpec(object))));
    }

    /**
     * A pod's spec is immutable but for images, tolerations added and the active deadline, and the
     * member fills in its node, service account, priority, token volume with its mounts, and default
     * tolerations: an update has to carry all of those.
     */
    @Override
    void retainIn(ObjectNode desired, ObjectNode observed) {
        ObjectNode spec = Trees.object(desired, "spec");
        JsonNode memberSpec = observed.path("spec");
        for (String field : List.of("nodeName", "serviceAccountName", "serviceAccount", "priority")) {
            JsonNode value = memberSpec.get(field);
            if (!spec.has(field) && value != null && !value.isNull()) {
                spec.set(field, value.deepCopy());
            }
        }
        unionByName(spec, memberSpec, "volumes");
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : Trees.elements(spec, list)) {
                String name = container.path("name").asText();
                Trees.elements(memberSpec, list).stream()
                        .filter(c -> name.equals(c.path("name").asText()))
                        .findFirst()
                        .ifPresent(member -> unionMounts((ObjectNode) container, member));
            }
        }
        List<JsonNode> tolerations = new ArrayList<>(Trees.elements(spec, "tolerations"));
        for (JsonNode toleration : Trees.elements(memberSpec, "tolerations")) {
            if (!tolerations.contains(toleration)) {
                tolerations.add(toleration.deepCopy());
            }
        }
        if (!tolerations.isEmpty()) {
            spec.set("tolerations", Trees.array(tolerations));
        }
    }

    private static void unionByName(ObjectNode owner, JsonNode member, String field) {
        List<JsonNode> own = new ArrayList<>(Trees.elements(owner, field));
        Set<String> names = new HashSet<>();
        own.forEach(item -> names.add(item.path("name").asText()));
        boolean added = false;
        for (JsonNode item : Trees.elements(member, field)) {
            if (names.add(item.path("name").asText())) {
                own.add(item.deepCopy());
                added = true;
            }
        }
        if (added) {
            owner.set(field, Trees.array(own));
        }
    }

    private static void unionMounts(ObjectNode container, JsonNode member) {
        List<JsonNode> mounts = new ArrayList<>(Trees.elements(container, "volumeMounts"));
        Set<String> paths = new HashSet<>();
        mounts.forEach(m -> paths.add(m.path("mountPath").asText()));
        boolean added = false;
        for (JsonNode mount : Trees.elements(member, "volumeMounts")) {
            if (paths.add(mount.path("mountPath").asText())) {
                mounts.add(mount.deepCopy());
                added = true;
            }
        }
        if (added) {
            container.set("volumeMounts", Trees.array(mounts));
        }
    }

    @Override
    ResourceHealth healthOf(ObjectNode object) {
        Optional<String> phase = Trees.text(object, "status", "phase");
        if (phase.isEmpty()) {
            return ResourceHealth.UNKNOWN;
        }
        return switch (phase.get()) {
            case "Succeeded" -> ResourceHealth.HEALTHY;
            case "Running" ->
                StatusConditions.isTrue(object.path("status"), "Ready")
                        ? ResourceHealth.HEALTHY
                        : ResourceHealth.UNHEALTHY;
            case "Pending", "Failed" -> ResourceHealth.UNHEALTHY;
            default -> ResourceHealth.UNKNOWN;
        };
    }

    @Override
    Optional<ObjectNode> reflectStatusOf(ObjectNode object) {
        return Trees.status(object)
                .map(status -> Trees.pick(status, "phase", "reason", "message", "conditions", "startTime"));
    }

    @Override
    Optional<ObjectNode> aggregateStatusOf(ObjectNode template, List<MemberStatus> members) {
        ObjectNode status = Trees.NODES.objectNode();
        if (!members.isEmpty()) {
            // A cluster that has not reported yet counts as Pending, so it cannot make the pod look done.
            Set<String> phases = new HashSet<>();
            members.forEach(m -> phases.add(Trees.text(m.view(), "phase").orElse("Pending")));
            PHASES.stream().filter(phases::contains).findFirst().ifPresent(p -> status.put("phase", p));
        }
        ArrayNode conditions = StatusConditions.merge(members);
        putConditions(status, conditions);
        return Optional.of(status);
    }
}
