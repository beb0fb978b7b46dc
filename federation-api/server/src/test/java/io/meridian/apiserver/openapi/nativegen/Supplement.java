package io.meridian.apiserver.openapi.nativegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Facts about current upstream types that neither fabric8 nor the old upstream documents carry:
 * list types and map keys from the {@code +listType}/{@code +listMapKey} markers, patch strategies
 * of fields added since 1.14, required fields of types added since then, fields whose fabric8 type
 * is a plain string but whose upstream type is {@code Time} or {@code []byte}. Kept in {@code
 * nativegen/supplement.yaml} beside this class so that the table can be read and reviewed as data.
 */
final class Supplement {

    static final String RESOURCE = "/nativegen/supplement.yaml";

    private final JsonNode types;

    private Supplement(JsonNode types) {
        this.types = types;
    }

    static Supplement load() {
        try (InputStream in = Supplement.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return new Supplement(
                    new ObjectMapper(new YAMLFactory()).readTree(in).path("types"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Supplement empty() {
        return new Supplement(MissingNode.getInstance());
    }

    private JsonNode type(String definition) {
        return types.path(definition);
    }

    /** A field's facts, or a missing node. */
    JsonNode field(String definition, String field) {
        return type(definition).path("fields").path(field);
    }

    /** A field fact as text, or null. */
    String fieldText(String definition, String field, String key) {
        JsonNode v = field(definition, field).get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A field fact as a list of strings, or null. */
    List<String> fieldList(String definition, String field, String key) {
        return strings(field(definition, field).get(key));
    }

    /** The required fields of the type when the supplement declares them, else null. */
    List<String> required(String definition) {
        return strings(type(definition).get("required"));
    }

    /** The type-level {@code x-kubernetes-map-type} ({@code +structType=atomic}), or null. */
    String mapType(String definition) {
        JsonNode v = type(definition).get("mapType");
        return v == null ? null : v.asText();
    }

    /** A description for a type that has none in fabric8 or the old documents, or null. */
    String description(String definition) {
        JsonNode v = type(definition).get("description");
        return v == null ? null : v.asText();
    }

    private static List<String> strings(JsonNode v) {
        if (v == null || !v.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return out;
    }
}
