package io.meridian.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A read-only view of one OpenAPI v3 schema (as kube-apiserver publishes them), with {@code $ref}
 * and the single-element {@code allOf: [{$ref}]} wrapper resolved. Validation, strategic merge
 * patch, server-side apply and {@code kubectl explain} all read types through this one view, so
 * what the server validates and how it merges can never disagree.
 *
 * <p>An absent schema is {@link #ANY}: no type, no properties, unknown fields preserved.
 */
public final class SchemaNode {

    /** Resolves a {@code $ref} such as {@code #/components/schemas/io.k8s.api.core.v1.Container}. */
    public interface RefResolver extends Function<String, JsonNode> {}

    private static final ObjectNode ANY_NODE =
            JsonNodeFactory.instance.objectNode().put("x-kubernetes-preserve-unknown-fields", true);

    public static final SchemaNode ANY = new SchemaNode(ANY_NODE, ref -> null);

    private final JsonNode node;
    private final RefResolver resolver;

    private SchemaNode(JsonNode node, RefResolver resolver) {
        this.node = node;
        this.resolver = resolver;
    }

    /** A view of {@code raw}, resolving references with {@code resolver}. */
    public static SchemaNode of(JsonNode raw, RefResolver resolver) {
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            return ANY;
        }
        return new SchemaNode(resolve(raw, resolver), resolver);
    }

    private static JsonNode resolve(JsonNode raw, RefResolver resolver) {
        JsonNode current = raw;
        for (int depth = 0; depth < 8; depth++) {
            JsonNode ref = current.get("$ref");
            if (ref == null) {
                JsonNode allOf = current.get("allOf");
                if (allOf != null
                        && allOf.isArray()
                        && allOf.size() == 1
                        && allOf.get(0).has("$ref")) {
                    ref = allOf.get(0).get("$ref");
                }
            }
            if (ref == null) {
                return current;
            }
            JsonNode target = resolver.apply(ref.asText());
            if (target == null) {
                return ANY_NODE;
            }
            // Keep the referring site's own description and extensions (kube puts patch metadata
            // beside the $ref); the referenced type supplies the rest. Only the top level is copied:
            // schemas are never mutated, and a deep copy of a type like PodSpec on every property
            // lookup made validation cost grow with the size of the referenced schemas.
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            merged.setAll((ObjectNode) target);
            Iterator<Map.Entry<String, JsonNode>> fields = current.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (!e.getKey().equals("$ref")
                        && !e.getKey().equals("allOf")
                        && !e.getKey().equals("default")) {
                    merged.set(e.getKey(), e.getValue());
                }
            }
            current = merged;
        }
        return current;
    }

    /** The raw (resolved) schema object. */
    public JsonNode raw() {
        return node;
    }

    public boolean isAny() {
        return type() == null && !node.has("properties") && !node.has("items") && !node.has("additionalProperties");
    }

    /** {@code object}, {@code array}, {@code string}, {@code integer}, {@code number}, {@code boolean} or null. */
    public String type() {
        return text("type");
    }

    public String format() {
        return text("format");
    }

    public String description() {
        return text("description");
    }

    public boolean nullable() {
        return node.path("nullable").asBoolean(false);
    }

    /** The declared property, or null when the schema does not declare it. */
    public SchemaNode property(String name) {
        JsonNode p = node.path("properties").get(name);
        return p == null ? null : of(p, resolver);
    }

    public Map<String, SchemaNode> properties() {
        JsonNode props = node.get("properties");
        if (props == null || !props.isObject()) {
            return Map.of();
        }
        Map<String, SchemaNode> out = new LinkedHashMap<>();
        props.fields().forEachRemaining(e -> out.put(e.getKey(), of(e.getValue(), resolver)));
        return Collections.unmodifiableMap(out);
    }

    public boolean hasProperties() {
        return node.path("properties").isObject();
    }

    /** Element schema of an array; {@link #ANY} when not declared. */
    public SchemaNode items() {
        return of(node.get("items"), resolver);
    }

    /**
     * Value schema of a map ({@code additionalProperties}); null when the schema declares no map
     * values, {@link #ANY} for {@code additionalProperties: true}.
     */
    public SchemaNode additionalProperties() {
        JsonNode ap = node.get("additionalProperties");
        if (ap == null || (ap.isBoolean() && !ap.asBoolean())) {
            return null;
        }
        if (ap.isBoolean()) {
            return ANY;
        }
        return of(ap, resolver);
    }

    /** The schema of child {@code name} whether declared as a property or as a map value. */
    public SchemaNode child(String name) {
        SchemaNode p = property(name);
        if (p != null) {
            return p;
        }
        SchemaNode ap = additionalProperties();
        if (ap != null) {
            return ap;
        }
        return preserveUnknownFields() || isAny() ? ANY : null;
    }

    public boolean preserveUnknownFields() {
        return node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    }

    public boolean intOrString() {
        return node.path("x-kubernetes-int-or-string").asBoolean(false) || "int-or-string".equals(format());
    }

    public boolean embeddedResource() {
        return node.path("x-kubernetes-embedded-resource").asBoolean(false);
    }

    /** {@code atomic}, {@code set}, {@code map}, or null when not declared. */
    public String listType() {
        return text("x-kubernetes-list-type");
    }

    public List<String> listMapKeys() {
        return strings("x-kubernetes-list-map-keys");
    }

    /** {@code granular}, {@code atomic}, or null. */
    public String mapType() {
        return text("x-kubernetes-map-type");
    }

    /** For example {@code merge}, {@code retainKeys}, {@code merge,retainKeys}, {@code replace}; or null. */
    public String patchStrategy() {
        return text("x-kubernetes-patch-strategy");
    }

    public String patchMergeKey() {
        return text("x-kubernetes-patch-merge-key");
    }

    public List<String> required() {
        return strings("required");
    }

    public List<JsonNode> enumValues() {
        JsonNode e = node.get("enum");
        if (e == null || !e.isArray()) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        e.forEach(out::add);
        return out;
    }

    public JsonNode extension(String name) {
        return node.get(name);
    }

    private String text(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return out;
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
