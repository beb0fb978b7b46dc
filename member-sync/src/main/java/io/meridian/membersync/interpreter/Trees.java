package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The interpreters' working form: each public operation turns its {@link GenericKubernetesResource}
 * into a private Jackson tree, reads and edits the tree, and turns the result back. The tree is a
 * deep copy, so no operation can change the caller's object (often an informer's cached one).
 */
final class Trees {

    private Trees() {}

    /** fabric8's own serialization: plain Jackson would write Quantity and IntOrString wrongly. */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static ObjectNode tree(GenericKubernetesResource object) {
        if (object == null) {
            throw new IllegalArgumentException("object must not be null");
        }
        return SERIALIZATION.convertValue(object, ObjectNode.class);
    }

    static GenericKubernetesResource resource(ObjectNode tree) {
        return SERIALIZATION.convertValue(tree, GenericKubernetesResource.class);
    }

    /** The object at {@code path} below {@code node}, created (and replacing a non-object) if needed. */
    static ObjectNode object(ObjectNode node, String... path) {
        ObjectNode current = node;
        for (String name : path) {
            JsonNode child = current.get(name);
            if (child instanceof ObjectNode existing) {
                current = existing;
            } else {
                current = current.putObject(name);
            }
        }
        return current;
    }

    /** The node at {@code path}, or a missing node; never null. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            current = current.path(name);
        }
        return current;
    }

    /** The integer at {@code path}, if it is a number (or a string holding one, as some clients send). */
    static Optional<Long> number(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isNumber()) {
            return Optional.of(value.asLong());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.asText()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static long number(JsonNode node, long fallback, String... path) {
        return number(node, path).orElse(fallback);
    }

    /** The non-empty text at {@code path}. */
    static Optional<String> text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    static boolean isTrue(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(value.asText());
    }

    /** The elements of the array at {@code path}; empty when there is none. */
    static List<JsonNode> elements(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (!value.isArray()) {
            return List.of();
        }
        return StreamSupport.stream(value.spliterator(), false).toList();
    }

    static boolean hasNonEmptyArray(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isArray() && !value.isEmpty();
    }

    /** The status object of {@code object}, when it has a non-empty one. */
    static Optional<ObjectNode> status(JsonNode object) {
        JsonNode status = object.get("status");
        return status instanceof ObjectNode node && !node.isEmpty() ? Optional.of(node) : Optional.empty();
    }

    /** A fresh object holding the fields of {@code source} named in {@code names}, those present. */
    static ObjectNode pick(JsonNode source, String... names) {
        ObjectNode picked = NODES.objectNode();
        for (String name : names) {
            JsonNode value = source.get(name);
            if (value != null && !value.isNull()) {
                picked.set(name, value.deepCopy());
            }
        }
        return picked;
    }

    static ArrayNode array(List<? extends JsonNode> nodes) {
        ArrayNode array = NODES.arrayNode();
        nodes.forEach(array::add);
        return array;
    }

    /** A Kubernetes timestamp (RFC 3339), or empty when absent or unreadable. */
    static Optional<Instant> time(JsonNode node, String... path) {
        return text(node, path).flatMap(text -> {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** The group of an apiVersion: empty for the core group ({@code v1}). */
    static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
