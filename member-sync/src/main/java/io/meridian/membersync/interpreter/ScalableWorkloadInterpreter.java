package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** Deployments, StatefulSets and ReplicaSets: {@code spec.replicas} copies of {@code spec.template}. */
abstract class ScalableWorkloadInterpreter extends WorkloadInterpreter {

    private static final List<String> POD_SPEC = List.of("spec", "template", "spec");

    @Override
    final List<String> podSpecPath() {
        return POD_SPEC;
    }

    /** {@code spec.replicas}, 1 when unset as the API server defaults it. */
    static long desiredReplicas(JsonNode object) {
        return Trees.number(object, 1L, "spec", "replicas");
    }

    @Override
    Optional<WorkloadReplicas> replicasOf(ObjectNode object) {
        return Optional.of(new WorkloadReplicas(
                Math.toIntExact(Math.max(0, desiredReplicas(object))), PodSpecs.requests(podSpec(object))));
    }

    @Override
    void reviseReplicasIn(ObjectNode object, int replicas) {
        Trees.object(object, "spec").put("replicas", replicas);
    }

    /**
     * Keeps the member's replicas when a local autoscaler owns them, as marked by
     * {@link ResourceInterpreter#RETAIN_REPLICAS_ANNOTATION}: the manifest's mark decides when it has
     * one, the member's copy's otherwise; a mark only the member's copy has is kept, so the next
     * update still sees it.
     */
    @Override
    void retainIn(ObjectNode desired, ObjectNode observed) {
        JsonNode own = Trees.at(desired, "metadata", "annotations").get(RETAIN_REPLICAS_ANNOTATION);
        JsonNode member = Trees.at(observed, "metadata", "annotations").get(RETAIN_REPLICAS_ANNOTATION);
        JsonNode mark = own != null ? own : member;
        if (mark == null || !"true".equalsIgnoreCase(mark.asText())) {
            return;
        }
        if (own == null) {
            Trees.object(desired, "metadata", "annotations").set(RETAIN_REPLICAS_ANNOTATION, member.deepCopy());
        }
        JsonNode replicas = observed.path("spec").get("replicas");
        if (replicas != null && replicas.isNumber()) {
            Trees.object(desired, "spec").set("replicas", replicas.deepCopy());
        }
    }
}
