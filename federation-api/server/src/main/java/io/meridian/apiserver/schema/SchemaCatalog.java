package io.meridian.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.apiserver.resource.GroupVersionKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every OpenAPI v3 schema component the server knows, by its Kubernetes definition name
 * ({@code io.k8s.api.apps.v1.Deployment}), and which component describes each kind. Built-in
 * kinds bring theirs at start-up; CRDs add and remove theirs. References resolve here, so a
 * {@link SchemaNode} of any kind can walk into shared types such as ObjectMeta.
 */
public final class SchemaCatalog {

    private static final String REF_PREFIX = "#/components/schemas/";

    private final Map<String, JsonNode> components = new ConcurrentHashMap<>();
    private final Map<GroupVersionKind, String> kinds = new ConcurrentHashMap<>();
    private final SchemaNode.RefResolver resolver =
            ref -> ref.startsWith(REF_PREFIX) ? components.get(ref.substring(REF_PREFIX.length())) : null;

    public void putComponent(String name, JsonNode schema) {
        components.put(name, schema);
    }

    public void putAll(Map<String, JsonNode> schemas) {
        components.putAll(schemas);
    }

    public void removeComponent(String name) {
        components.remove(name);
    }

    public void bindKind(GroupVersionKind gvk, String componentName) {
        kinds.put(gvk, componentName);
    }

    public void unbindKind(GroupVersionKind gvk) {
        kinds.remove(gvk);
    }

    public Optional<String> componentOf(GroupVersionKind gvk) {
        return Optional.ofNullable(kinds.get(gvk));
    }

    /** The schema of {@code gvk}, or {@link SchemaNode#ANY} when none is known. */
    public SchemaNode schemaOf(GroupVersionKind gvk) {
        String name = kinds.get(gvk);
        if (name == null || !components.containsKey(name)) {
            return SchemaNode.ANY;
        }
        return SchemaNode.of(components.get(name), resolver);
    }

    public JsonNode component(String name) {
        return components.get(name);
    }

    public SchemaNode.RefResolver resolver() {
        return resolver;
    }

    /** {@code name} and every component it references, transitively. */
    public Map<String, JsonNode> closure(Iterable<String> roots) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        roots.forEach(todo::add);
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (out.containsKey(name)) {
                continue;
            }
            JsonNode schema = components.get(name);
            if (schema == null) {
                continue;
            }
            out.put(name, schema);
            collectRefs(schema, todo);
        }
        return out;
    }

    private static void collectRefs(JsonNode node, java.util.Deque<String> into) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(REF_PREFIX)) {
                into.add(ref.asText().substring(REF_PREFIX.length()));
            }
            node.forEach(child -> collectRefs(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, into));
        }
    }
}
