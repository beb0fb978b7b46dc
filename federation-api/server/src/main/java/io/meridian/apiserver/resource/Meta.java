package io.meridian.apiserver.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes the standard {@code metadata} fields of a generic object. */
public final class Meta {

    private Meta() {}

    public static ObjectNode metadata(ObjectNode obj) {
        JsonNode m = obj.get("metadata");
        if (m instanceof ObjectNode o) {
            return o;
        }
        return obj.putObject("metadata");
    }

    public static String text(ObjectNode obj, String field) {
        JsonNode m = obj.get("metadata");
        if (m == null) {
            return null;
        }
        JsonNode v = m.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static String name(ObjectNode obj) {
        return text(obj, "name");
    }

    public static String namespace(ObjectNode obj) {
        return text(obj, "namespace");
    }

    public static String uid(ObjectNode obj) {
        return text(obj, "uid");
    }

    public static String resourceVersion(ObjectNode obj) {
        return text(obj, "resourceVersion");
    }

    public static long generation(ObjectNode obj) {
        JsonNode m = obj.get("metadata");
        return m == null ? 0 : m.path("generation").asLong(0);
    }

    public static boolean deleting(ObjectNode obj) {
        return text(obj, "deletionTimestamp") != null;
    }

    public static Map<String, String> labels(ObjectNode obj) {
        return stringMap(obj, "labels");
    }

    public static Map<String, String> annotations(ObjectNode obj) {
        return stringMap(obj, "annotations");
    }

    private static Map<String, String> stringMap(ObjectNode obj, String field) {
        JsonNode m = obj.path("metadata").path(field);
        if (!m.isObject() || m.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    public static boolean hasFinalizers(ObjectNode obj) {
        JsonNode f = obj.path("metadata").path("finalizers");
        return f.isArray() && !f.isEmpty();
    }
}
