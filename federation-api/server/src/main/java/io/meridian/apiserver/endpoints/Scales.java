package io.meridian.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.selection.LabelSelector;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.status.StatusCause;
import java.util.List;

/** The {@code scale} subresource: an {@code autoscaling/v1 Scale} view of a replicated object. */
final class Scales {

    static final ResourceType SCALE_TYPE = new ResourceType(
            "autoscaling",
            "v1",
            "Scale",
            "scale",
            "scale",
            List.of(),
            List.of(),
            true,
            false,
            null,
            SchemaNode.ANY,
            "ScaleList");

    private Scales() {}

    static ObjectNode toScale(ResourceType type, ObjectNode obj) {
        ResourceType.ScaleSubresource s = type.scale();
        ObjectNode scale = Json.MAPPER.createObjectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode m = obj.path("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (m.has(f)) {
                meta.set(f, m.get(f));
            }
        }
        JsonNode spec = read(obj, s.specReplicasPath());
        scale.putObject("spec").put("replicas", spec == null ? 0 : spec.asInt());
        ObjectNode status = scale.putObject("status");
        JsonNode st = read(obj, s.statusReplicasPath());
        status.put("replicas", st == null ? 0 : st.asInt());
        if (s.labelSelectorPath() != null) {
            JsonNode sel = read(obj, s.labelSelectorPath());
            if (sel != null && sel.isTextual()) {
                status.put("selector", sel.asText());
            } else if (sel != null && sel.isObject()) {
                status.put("selector", LabelSelector.format(sel));
            }
        }
        return scale;
    }

    /** The object with its replicas set from {@code scale.spec.replicas}. */
    static ObjectNode applyScale(ResourceType type, ObjectNode current, ObjectNode scale) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber() || replicas.asLong() < 0 || replicas.asLong() > Integer.MAX_VALUE) {
            throw ApiException.invalid(
                    "autoscaling",
                    "Scale",
                    current.path("metadata").path("name").asText(),
                    List.of(StatusCause.invalid(
                            "spec.replicas",
                            replicas.isMissingNode() ? null : replicas.toString(),
                            "must be greater than or equal to 0")));
        }
        write(current, type.scale().specReplicasPath(), replicas.asInt());
        return current;
    }

    private static JsonNode read(ObjectNode obj, String path) {
        JsonNode n = obj;
        for (String p : path.replaceFirst("^\\.", "").split("\\.")) {
            n = n.path(p);
        }
        return n.isMissingNode() || n.isNull() ? null : n;
    }

    private static void write(ObjectNode obj, String path, int value) {
        String[] parts = path.replaceFirst("^\\.", "").split("\\.");
        ObjectNode n = obj;
        for (int i = 0; i < parts.length - 1; i++) {
            n = n.with(parts[i]);
        }
        n.put(parts[parts.length - 1], value);
    }
}
