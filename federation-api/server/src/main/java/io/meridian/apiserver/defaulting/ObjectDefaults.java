package io.meridian.apiserver.defaulting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaNode;
import java.util.Map;
import java.util.Set;

/**
 * Defaults filled in before an object is validated and stored. Custom resources (and the
 * meridian.io kinds) get the {@code default}s of their structural schema, as kube-apiserver's CRD
 * defaulting does: a default applies where its parent object exists. Native kinds get the few
 * defaults the rest of the system reads, such as a replicated workload's {@code spec.replicas}.
 */
public final class ObjectDefaults {

    private static final Set<String> REPLICATED = Set.of("apps/Deployment", "apps/StatefulSet", "apps/ReplicaSet");

    private final ResourceRegistry registry;

    public ObjectDefaults(ResourceRegistry registry) {
        this.registry = registry;
    }

    public void apply(ResourceType type, ObjectNode obj) {
        pruneNulls(type.schema(), obj);
        if (registry.isNative(type)) {
            if (REPLICATED.contains(type.group() + "/" + type.kind())
                    && obj.path("spec").isObject()
                    && !obj.path("spec").has("replicas")) {
                ((ObjectNode) obj.get("spec")).put("replicas", 1);
            }
            return;
        }
        applySchema(type.schema(), obj);
    }

    /**
     * Drops {@code null} values of fields that are not nullable, as kube does before validating:
     * its decoder turns a JSON null into "not set" for native kinds, and CRD pruning removes nulls
     * that the schema does not allow. kubectl writes {@code creationTimestamp: null} into every
     * manifest it generates, so without this those manifests would be refused.
     */
    public static void pruneNulls(SchemaNode schema, JsonNode value) {
        if (value instanceof ObjectNode obj) {
            var it = obj.fields();
            while (it.hasNext()) {
                var e = it.next();
                SchemaNode child = schema == null ? null : schema.child(e.getKey());
                if (e.getValue().isNull()) {
                    if (child == null || !child.nullable()) {
                        it.remove();
                    }
                } else if (e.getValue().isContainerNode()) {
                    pruneNulls(child, e.getValue());
                }
            }
        } else if (value instanceof ArrayNode array) {
            SchemaNode items = schema == null ? null : schema.items();
            array.forEach(item -> pruneNulls(items, item));
        }
    }

    /** Fills the schema's defaults into {@code value}, recursively. */
    public static void applySchema(SchemaNode schema, JsonNode value) {
        if (schema == null || schema.isAny() && !schema.hasProperties()) {
            return;
        }
        if (value instanceof ObjectNode obj) {
            Map<String, SchemaNode> props = schema.properties();
            for (Map.Entry<String, SchemaNode> e : props.entrySet()) {
                if (e.getKey().equals("metadata")
                        || e.getKey().equals("apiVersion")
                        || e.getKey().equals("kind")) {
                    continue;
                }
                JsonNode def = e.getValue().raw().get("default");
                if (!obj.has(e.getKey()) && def != null) {
                    obj.set(e.getKey(), def.deepCopy());
                }
                JsonNode child = obj.get(e.getKey());
                if (child != null && !child.isNull()) {
                    applySchema(e.getValue(), child);
                }
            }
            SchemaNode values = props.isEmpty() ? schema.additionalProperties() : null;
            if (values != null) {
                obj.fields().forEachRemaining(f -> applySchema(values, f.getValue()));
            }
        } else if (value instanceof ArrayNode array) {
            SchemaNode items = schema.items();
            array.forEach(item -> applySchema(items, item));
        }
    }
}
