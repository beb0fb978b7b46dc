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
