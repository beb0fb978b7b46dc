package io.meridian.apiserver.openapi.nativegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Older upstream OpenAPI v2 documents (Kubernetes 1.13 and 1.14, shipped as test data with
 * kube-openapi), the only machine-readable source here of required fields and patch strategies.
 * A type that was still beta then is looked up under its beta name; only facts about fields that
 * still exist are ever used, so renamed or removed fields cannot leak in.
 */
final class LegacySwagger {

    /** Where a GA type lived while it was beta, in the order to try. */
    private static final Map<String, List<String>> FORMER_PACKAGES = Map.of(
            "io.k8s.api.networking.v1",
            List.of("io.k8s.api.networking.v1beta1", "io.k8s.api.extensions.v1beta1"),
            "io.k8s.api.coordination.v1",
            List.of("io.k8s.api.coordination.v1beta1"),
            "io.k8s.api.batch.v1",
            List.of("io.k8s.api.batch.v1beta1"),
            "io.k8s.api.policy.v1",
            List.of("io.k8s.api.policy.v1beta1"),
            "io.k8s.api.events.v1",
            List.of("io.k8s.api.events.v1beta1"),
            "io.k8s.api.autoscaling.v2",
            List.of("io.k8s.api.autoscaling.v2beta2", "io.k8s.api.autoscaling.v2beta1"),
            DefinitionNames.packageOf(DefinitionNames.APIEXTENSIONS + "X"),
            List.of("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1beta1"));

    /** Properties' keys the generator reads; the facts file keeps only these. */
    private static final List<String> FACT_KEYS =
            List.of("x-kubernetes-patch-strategy", "x-kubernetes-patch-merge-key", "$ref", "format");

    private final List<JsonNode> documents = new ArrayList<>();
    private final Set<String> consulted = new TreeSet<>();

    /**
     * Reads upstream OpenAPI v2 documents, most authoritative first, or a facts file written by
     * {@link #writeFacts} ({@code {"documents": [{"definitions": ...}, ...]}}).
     */
    static LegacySwagger read(List<Path> files) throws IOException {
        LegacySwagger swagger = new LegacySwagger();
        ObjectMapper mapper = new ObjectMapper();
        for (Path file : files) {
            swagger.add(mapper.readTree(file.toFile()));
        }
        return swagger;
    }

    static LegacySwagger read(InputStream facts) throws IOException {
        LegacySwagger swagger = new LegacySwagger();
        swagger.add(new ObjectMapper().readTree(facts));
        return swagger;
    }

    private void add(JsonNode root) {
        if (root.has("documents")) {
            root.get("documents").forEach(d -> documents.add(d.path("definitions")));
        } else {
            documents.add(root.path("definitions"));
        }
    }

    /**
     * Writes what the generator used from these documents, without descriptions: a small file that
     * lets a unit test regenerate the documents' structure without the Debian package.
     */
    void writeFacts(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode docs = root.putArray("documents");
        for (JsonNode doc : documents) {
            ObjectNode defs = docs.addObject().putObject("definitions");
            for (String name : consulted) {
                JsonNode def = doc.get(name);
                if (def == null) {
                    continue;
                }
                ObjectNode kept = defs.putObject(name);
                if (def.has("required")) {
                    kept.set("required", def.get("required"));
                }
                ObjectNode props = kept.putObject("properties");
                def.path("properties").fields().forEachRemaining(e -> props.set(e.getKey(), facts(e.getValue())));
            }
        }
        Files.writeString(file, mapper.writeValueAsString(root) + "\n");
    }

    private static ObjectNode facts(JsonNode property) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String key : FACT_KEYS) {
            if (property.has(key)) {
                out.set(key, property.get(key));
            }
        }
        for (String nested : List.of("items", "additionalProperties")) {
            if (property.path(nested).isObject()) {
                ObjectNode n = facts(property.get(nested));
                if (!n.isEmpty()) {
                    out.set(nested, n);
                }
            }
        }
        return out;
    }

    static LegacySwagger none() {
        return new LegacySwagger();
    }

    /**
     * The definitions of {@code definition}, most authoritative first: under its exact name when any
     * document has it, otherwise under its former (beta) names.
     */
    List<JsonNode> definitions(String definition) {
        List<JsonNode> exact = lookup(definition);
        if (!exact.isEmpty()) {
            return exact;
        }
        List<JsonNode> found = new ArrayList<>();
        String pkg = DefinitionNames.packageOf(definition);
        for (String former : FORMER_PACKAGES.getOrDefault(pkg, List.of())) {
            found.addAll(lookup(former + "." + DefinitionNames.simpleName(definition)));
        }
        return found;
    }

    private List<JsonNode> lookup(String name) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode doc : documents) {
            JsonNode def = doc.get(name);
            if (def != null) {
                found.add(def);
                consulted.add(name);
            }
        }
        return found;
    }

    /** The first description of the type. */
    String typeDescription(String definition) {
        for (JsonNode def : definitions(definition)) {
            if (def.hasNonNull("description")) {
                return def.get("description").asText();
            }
        }
        return null;
    }

    /** The property schemas of one field, most authoritative first. */
    List<JsonNode> property(String definition, String field) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode def : definitions(definition)) {
            JsonNode p = def.path("properties").get(field);
            if (p != null) {
                found.add(p);
            }
        }
        return found;
    }

    /** The first value of {@code key} on the field's property schema, or null. */
    String propertyText(String definition, String field, String key) {
        for (JsonNode p : property(definition, field)) {
            if (p.hasNonNull(key)) {
                return p.get(key).asText();
            }
        }
        return null;
    }

    /** The {@code $ref} target the field (or its items or map values) pointed to, or null. */
    String referencedDefinition(String definition, String field) {
        for (JsonNode p : property(definition, field)) {
            for (JsonNode candidate : List.of(p, p.path("items"), p.path("additionalProperties"))) {
                if (candidate.hasNonNull("$ref")) {
                    String ref = candidate.get("$ref").asText();
                    return ref.substring(ref.lastIndexOf('/') + 1);
                }
            }
        }
        return null;
    }

    /** The {@code format} of the field's scalar, items or map values (for example {@code byte}), or null. */
    String scalarFormat(String definition, String field) {
        for (JsonNode p : property(definition, field)) {
            for (JsonNode candidate : List.of(p, p.path("items"), p.path("additionalProperties"))) {
                if (candidate.hasNonNull("format")) {
                    return candidate.get("format").asText();
                }
            }
        }
        return null;
    }

    /** The required list of the most authoritative definition that has one, or null when none does. */
    List<String> required(String definition) {
        for (JsonNode def : definitions(definition)) {
            JsonNode required = def.get("required");
            if (required != null && required.isArray()) {
                List<String> out = new ArrayList<>();
                required.forEach(r -> out.add(r.asText()));
                return out;
            }
        }
        return null;
    }

    /** Whether any definition of the type is known, which makes "no required list" meaningful. */
    boolean knows(String definition) {
        return !definitions(definition).isEmpty();
    }
}
