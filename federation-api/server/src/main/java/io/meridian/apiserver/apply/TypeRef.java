package io.meridian.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How server-side apply sees one schema node, following kube-openapi's conversion of OpenAPI into
 * structured-merge-diff types:
 *
 * <ul>
 *   <li>objects are structs (declared properties) and/or maps (additionalProperties); granular
 *       unless {@code x-kubernetes-map-type: atomic};
 *   <li>arrays are atomic unless {@code x-kubernetes-list-type} is {@code set} or {@code map}, or,
 *       without a list type, the patch strategy is {@code merge} (keyed by the patch merge key when
 *       there is one, a set otherwise);
 *   <li>anything untyped ({@link SchemaNode#ANY}, preserved unknown fields, free-form objects) is
 *       "deduced" from the value: maps granular, lists atomic.
 * </ul>
 */
final class TypeRef {

    enum Shape {
        LEAF,
        MAP,
        LIST
    }

    static final TypeRef DEDUCED = new TypeRef(null);

    private final SchemaNode schema;

    private TypeRef(SchemaNode schema) {
        this.schema = schema;
    }

    static TypeRef of(SchemaNode schema) {
        if (schema == null || schema == SchemaNode.ANY) {
            return DEDUCED;
        }
        if (!schema.intOrString() && schema.isAny()) {
            return DEDUCED;
        }
        return new TypeRef(schema);
    }

    boolean deduced() {
        return schema == null;
    }

    /** Whether values of this type may be objects walked field by field (or atomically). */
    boolean hasMap() {
        if (schema == null) {
            return true;
        }
        if (schema.intOrString()) {
            return false;
        }
        return "object".equals(schema.type()) || schema.hasProperties() || schema.additionalProperties() != null;
    }

    boolean hasList() {
        if (schema == null) {
            return true;
        }
        if (schema.intOrString()) {
            return false;
        }
        return "array".equals(schema.type()) || schema.raw().has("items");
    }

    /**
     * Which way {@code value} is walked. A JSON null of a map or list type is an empty container; a
     * value of the wrong JSON type is a leaf (validation reports it elsewhere).
     */
    Shape shape(JsonNode value) {
        if (value == null) {
            return Shape.LEAF;
        }
        if (value.isObject()) {
            return hasMap() ? Shape.MAP : Shape.LEAF;
        }
        if (value.isArray()) {
            return hasList() ? Shape.LIST : Shape.LEAF;
        }
        if (value.isNull()) {
            if (hasMap()) {
                return Shape.MAP;
            }
            if (hasList()) {
                return Shape.LIST;
            }
        }
        return Shape.LEAF;
    }

    boolean mapAtomic() {
        return schema != null && "atomic".equals(schema.mapType());
    }

    /** A declared struct field (as opposed to a map entry). */
    boolean declared(String name) {
        return schema != null && schema.property(name) != null;
    }

    /** The type of field or map entry {@code name}; null when the schema does not allow it. */
    TypeRef field(String name) {
        if (schema == null) {
            return DEDUCED;
        }
        SchemaNode p = schema.property(name);
        if (p != null) {
            return of(p);
        }
        SchemaNode ap = schema.additionalProperties();
        if (ap != null) {
            return of(ap);
        }
        if (schema.preserveUnknownFields() || !schema.hasProperties()) {
            return DEDUCED;
        }
        return null;
    }

    /** Like {@link #field}, but unknown fields are deduced rather than refused. */
    TypeRef fieldOrDeduced(String name) {
        TypeRef t = field(name);
        return t == null ? DEDUCED : t;
    }

    boolean nullable() {
        return schema == null || schema.nullable();
    }

    /** Deduced lists, lists without a list type and {@code atomic} lists are leaves. */
    boolean listAtomic() {
        if (schema == null) {
            return true;
        }
        String listType = schema.listType();
        if (listType != null) {
            return !listType.equals("set") && !listType.equals("map");
        }
        String strategy = schema.patchStrategy();
        return strategy == null || !(strategy.equals("merge") || strategy.equals("merge,retainKeys"));
    }

    /** The key fields of an associative list; empty for a set. */
    List<String> listKeys() {
        if (schema == null) {
            return List.of();
        }
        String listType = schema.listType();
        if (listType != null) {
            return listType.equals("map") ? schema.listMapKeys() : List.of();
        }
        String key = schema.patchMergeKey();
        return key == null ? List.of() : List.of(key);
    }

    TypeRef elementType() {
        return schema == null ? DEDUCED : of(schema.items());
    }

    /**
     * The default a list element's key field takes when the element omits it, as
     * {@code protocol: TCP} for container ports; null when there is none.
     */
    JsonNode keyDefault(String keyField) {
        if (schema == null) {
            return null;
        }
        SchemaNode p = schema.items().property(keyField);
        if (p == null) {
            return null;
        }
        JsonNode d = p.raw().get("default");
        return d == null || d.isNull() ? null : d;
    }

    /** The path element of one item of an associative list, or a reason why it has none. */
    record ItemKey(PathElement element, String error) {}

    ItemKey itemKey(JsonNode item) {
        List<String> keys = listKeys();
        if (!keys.isEmpty()) {
            if (item == null || item.isNull()) {
                return new ItemKey(null, "associative list with keys may not have a null element");
            }
            if (!item.isObject()) {
                return new ItemKey(null, "associative list with keys may not have non-map elements");
            }
            ObjectNode key = Values.MAPPER.createObjectNode();
            for (String k : keys) {
                JsonNode v = item.get(k);
                if (v == null || v.isNull()) {
                    v = keyDefault(k);
                }
                if (v == null) {
                    return new ItemKey(
                            null,
                            "associative list with keys has an element that omits key field \"" + k
                                    + "\" (and doesn't have default value)");
                }
                key.set(k, v);
            }
            return new ItemKey(PathElement.Key.of(key), null);
        }
        if (item == null || item.isNull()) {
            return new ItemKey(null, "associative list without keys has an element that's an explicit null");
        }
        if (item.isObject()) {
            return new ItemKey(null, "associative list without keys has an element that's a map type");
        }
        if (item.isArray()) {
            return new ItemKey(null, "not supported: associative list with lists as elements");
        }
        return new ItemKey(new PathElement.Value(item), null);
    }

    /** Path elements of every item, or null when one of them has none (the list is then a leaf). */
    List<PathElement> itemKeys(JsonNode list) {
        List<PathElement> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        for (JsonNode item : list) {
            ItemKey k = itemKey(item);
            if (k.element() == null) {
                return null;
            }
            out.add(k.element());
        }
        return out;
    }

    /**
     * Properties a Go struct always serializes: non-pointer struct fields, which kube's OpenAPI
     * marks with {@code default: {}}, and fields without {@code omitempty}, which it lists as
     * {@code required}. Used to compare objects the way kube compares its typed objects.
     */
    List<String> goZeroStructFields() {
        List<String> out = new ArrayList<>();
        if (schema == null) {
            return out;
        }
        JsonNode props = schema.raw().get("properties");
        if (props == null || !props.isObject()) {
            return out;
        }
        props.fields().forEachRemaining(e -> {
            JsonNode d = e.getValue().get("default");
            if (d != null && d.isObject() && d.isEmpty()) {
                SchemaNode p = schema.property(e.getKey());
                if (p != null && p.hasProperties()) {
                    out.add(e.getKey());
                }
            }
        });
        return out;
    }

    List<String> required() {
        return schema == null ? List.of() : schema.required();
    }
}
