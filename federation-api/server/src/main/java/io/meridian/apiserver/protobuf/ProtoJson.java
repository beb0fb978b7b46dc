package io.meridian.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.ApiException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A decoded Kubernetes protobuf message as the JSON its Go type marshals to: field names are the
 * JSON names (k8s.io/api's proto fields are named after them), integers stay numbers, bytes are
 * base64, maps are objects with sorted keys, and the apimachinery types with their own JSON form
 * (Time, MicroTime, Duration, IntOrString, Quantity, RawExtension, FieldsV1) take that form.
 *
 * <p>A field whose Go JSON would be {@code null} (a zero Time, an empty RawExtension) is left out:
 * kube's decoder reads null and absent alike.
 *
 * <p>The object's OpenAPI schema, where known, settles what the descriptors alone cannot: Go
 * structs embedded with {@code json:",inline"} (a proto field such as {@code volumeSource} whose
 * fields belong to the parent in JSON), the odd proto name that differs from the JSON one
 * ({@code aPIGroup}), and which fields are required (see {@link OmitEmpty}). A field the schema
 * does not know, like one newer than the descriptors, is skipped, as kube-apiserver skips unknown
 * protobuf fields without reporting them.
 */
final class ProtoJson {

    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";

    private ProtoJson() {}

    /** The JSON object of {@code message}, read against {@code schema} (or {@link SchemaNode#ANY}). */
    static ObjectNode object(Message message, SchemaNode schema) {
        ObjectNode out = NODES.objectNode();
        fill(out, message, schema == null ? SchemaNode.ANY : schema);
        return out;
    }

    private static void fill(ObjectNode out, Message message, SchemaNode schema) {
        Set<String> required = new HashSet<>(schema.required());
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isRepeated() ? message.getRepeatedFieldCount(field) == 0 : !message.hasField(field)) {
                continue;
            }
            String name = field.getName();
            SchemaNode fieldSchema = schema.property(name);
            if (fieldSchema == null && schema.hasProperties() && !schema.preserveUnknownFields()) {
                if (isInlined(field, schema)) {
                    fill(out, (Message) message.getField(field), schema);
                    continue;
                }
                String renamed = caseInsensitiveProperty(schema, name);
                if (renamed == null) {
                    // a field this server's version of the type lacks: kube-apiserver's Go type
                    // would skip it too, and unknown fields in protobuf are never reported
                    continue;
                }
                name = renamed;
                fieldSchema = schema.property(renamed);
            }
            if (fieldSchema == null) {
                fieldSchema = SchemaNode.ANY;
            }
            JsonNode value;
            if (field.isMapField()) {
                value = map(message, field, fieldSchema);
            } else if (field.isRepeated()) {
                value = list(message, field, fieldSchema);
            } else {
                Object raw = message.getField(field);
                if (isZero(field, raw) && OmitEmpty.dropsZero(field, required.contains(name))) {
                    continue;
                }
                value = single(field, raw, fieldSchema);
                if (value.isNull()) {
                    // Go's JSON writes a zero Time (or an empty RawExtension) as null; kube reads
                    // null and absent alike, and this server's schema validation refuses a null
                    // timestamp in a pod template, so the field is left out
                    continue;
                }
            }
            out.set(name, value);
        }
    }

    /** An embedded Go struct: the field is no JSON property, but its own fields are the parent's. */
    private static boolean isInlined(FieldDescriptor field, SchemaNode schema) {
        return isInlined(field, schema, 0);
    }

    private static boolean isInlined(FieldDescriptor field, SchemaNode schema, int depth) {
        // kube nests embedded structs two deep at most (Volume > VolumeSource); recursive types
        // must not send the search round in circles
        if (depth > 2 || field.isRepeated() || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return false;
        }
        Descriptor type = field.getMessageType();
        for (FieldDescriptor inner : type.getFields()) {
            if (schema.property(inner.getName()) != null || isInlined(inner, schema, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static String caseInsensitiveProperty(SchemaNode schema, String name) {
        for (String property : schema.properties().keySet()) {
            if (property.equalsIgnoreCase(name)) {
                return property;
            }
        }
        return null;
    }

    private static ObjectNode map(Message message, FieldDescriptor field, SchemaNode schema) {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        SchemaNode values = schema.additionalProperties() == null ? SchemaNode.ANY : schema.additionalProperties();
        // Go's encoding/json writes map keys in sorted order.
        Map<String, JsonNode> sorted = new TreeMap<>();
        int count = message.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
            Message entry = (Message) message.getRepeatedField(field, i);
            String key = String.valueOf(entry.getField(keyField));
            sorted.put(key, single(valueField, entry.getField(valueField), values));
        }
        ObjectNode out = NODES.objectNode();
        sorted.forEach(out::set);
        return out;
    }

    private static ArrayNode list(Message message, FieldDescriptor field, SchemaNode schema) {
        SchemaNode items = schema.items();
        ArrayNode out = NODES.arrayNode();
        int count = message.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
            out.add(single(field, message.getRepeatedField(field, i), items));
        }
        return out;
    }

    private static JsonNode single(FieldDescriptor field, Object raw, SchemaNode schema) {
        return switch (field.getJavaType()) {
            case STRING -> NODES.textNode((String) raw);
            case INT -> NODES.numberNode((Integer) raw);
            case LONG -> number((Long) raw);
            case FLOAT -> NODES.numberNode(new BigDecimal(Float.toString((Float) raw)));
            case DOUBLE -> NODES.numberNode(BigDecimal.valueOf((Double) raw));
            case BOOLEAN -> NODES.booleanNode((Boolean) raw);
            case BYTE_STRING -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) raw).toByteArray()));
            case ENUM -> NODES.textNode(raw.toString());
            case MESSAGE -> message((Message) raw, schema);
        };
    }

    /** Numbers as the server's JSON reader makes them, so a decoded body compares equal to a parsed one. */
    private static JsonNode number(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private static JsonNode message(Message message, SchemaNode schema) {
        return switch (message.getDescriptorForType().getFullName()) {
            case META + "Time" -> {
                long seconds = longField(message, "seconds");
                // kube reads an empty Time as the zero time, which Go's JSON writes as null
                yield seconds == 0 && intField(message, "nanos") == 0
                        ? NODES.nullNode()
                        : NODES.textNode(GoTime.rfc3339(seconds));
            }
            case META + "MicroTime" -> {
                long seconds = longField(message, "seconds");
                int nanos = intField(message, "nanos");
                yield seconds == 0 && nanos == 0
                        ? NODES.nullNode()
                        : NODES.textNode(GoTime.rfc3339Micro(seconds, nanos));
            }
            case META + "Duration" -> NODES.textNode(GoTime.duration(longField(message, "duration")));
            case META + "FieldsV1" -> embeddedJson(bytesField(message, "Raw"));
            case "k8s.io.apimachinery.pkg.runtime.RawExtension" -> embeddedJson(bytesField(message, "raw"));
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" ->
                longField(message, "type") == 1
                        ? NODES.textNode(stringField(message, "strVal"))
                        : NODES.numberNode(intField(message, "intVal"));
            case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
                String quantity = stringField(message, "string");
                // the zero Quantity marshals as "0"
                yield NODES.textNode(quantity.isEmpty() ? "0" : quantity);
            }
            default -> object(message, schema);
        };
    }

    /** RawExtension and FieldsV1 carry JSON as bytes; Go writes them into the document as they are. */
    private static JsonNode embeddedJson(ByteString raw) {
        if (raw == null || raw.isEmpty()) {
            return NODES.nullNode();
        }
        byte[] bytes = raw.toByteArray();
        if (KubeProtobuf.hasMagic(bytes)) {
            return KubeProtobuf.decodeEmbedded(bytes);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            return node == null || node.isMissingNode() ? NODES.nullNode() : node;
        } catch (IOException e) {
            throw ApiException.badRequest(
                    "an embedded object of the protobuf body is not JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static boolean isZero(FieldDescriptor field, Object raw) {
        return switch (field.getJavaType()) {
            case STRING -> ((String) raw).isEmpty();
            case INT -> (Integer) raw == 0;
            case LONG -> (Long) raw == 0L;
            case FLOAT -> (Float) raw == 0f;
            case DOUBLE -> (Double) raw == 0d;
            case BOOLEAN -> !(Boolean) raw;
            default -> false;
        };
    }

    private static Object field(Message message, String name) {
        FieldDescriptor f = message.getDescriptorForType().findFieldByName(name);
        if (f == null) {
            throw new IllegalStateException(message.getDescriptorForType().getFullName() + " has no field " + name);
        }
        return message.hasField(f) ? message.getField(f) : null;
    }

    private static long longField(Message message, String name) {
        Object v = field(message, name);
        return v == null ? 0L : ((Number) v).longValue();
    }

    private static int intField(Message message, String name) {
        Object v = field(message, name);
        return v == null ? 0 : ((Number) v).intValue();
    }

    private static String stringField(Message message, String name) {
        Object v = field(message, name);
        return v == null ? "" : (String) v;
    }

    private static ByteString bytesField(Message message, String name) {
        return (ByteString) field(message, name);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        List<String> lines = s.lines().limit(1).toList();
        return lines.isEmpty() ? "" : lines.get(0);
    }
}
