package io.meridian.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One step of a {@link FieldPath}, as in {@code metadata.managedFields[].fieldsV1}: a field of a
 * struct or map ({@code f:}), an element of an associative list by its key fields ({@code k:}), an
 * element of a set by its value ({@code v:}), or a list index ({@code i:}).
 *
 * <p>Elements are ordered as kube orders them (fields, then keys, then values, then indexes), which
 * is also the order in which they are written to {@code fieldsV1}. Two elements are equal when they
 * serialize to the same text, so an integer key and the same number written as a float match, as
 * they do in kube.
 */
public sealed interface PathElement extends Comparable<PathElement> {

    /** The text used as a key in {@code fieldsV1}, for example {@code f:spec}. */
    String encode();

    /** Parses an encoded element; throws {@link IllegalArgumentException} when it is malformed. */
    static PathElement decode(String text) {
        if (text.length() < 2 || text.charAt(1) != ':') {
            throw new IllegalArgumentException("invalid path element: " + text);
        }
        String body = text.substring(2);
        switch (text.charAt(0)) {
            case 'f':
                return new Field(body);
            case 'k': {
                JsonNode parsed = parseJson(body);
                if (!parsed.isObject()) {
                    throw new IllegalArgumentException("invalid key path element: " + text);
                }
                return Key.of((ObjectNode) parsed);
            }
            case 'v':
                return new Value(parseJson(body));
            case 'i':
                try {
                    return new Index(Integer.parseInt(body));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid index path element: " + text, e);
                }
            default:
                throw new UnknownKind(text);
        }
    }

    static Field field(String name) {
        return new Field(name);
    }

    /** Thrown for a prefix this version does not know; kube skips such entries. */
    final class UnknownKind extends IllegalArgumentException {
        UnknownKind(String text) {
            super("unknown path element type: " + text);
        }
    }

    /** A field of a struct or an entry of a map. */
    record Field(String name) implements PathElement {
        @Override
        public String encode() {
            return "f:" + name;
        }

        @Override
        public String toString() {
            return "." + name;
        }
    }

    /**
     * An element of an associative list, identified by its key fields sorted by name (kube sorts
     * them, so the order of {@code x-kubernetes-list-map-keys} does not show).
     */
    record Key(List<Map.Entry<String, JsonNode>> fields) implements PathElement {
        public Key {
            List<Map.Entry<String, JsonNode>> sorted = new ArrayList<>(fields);
            sorted.sort((a, b) -> Values.compareStrings(a.getKey(), b.getKey()));
            fields = List.copyOf(sorted);
        }

        static Key of(ObjectNode keyFields) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            keyFields.fields().forEachRemaining(e -> entries.add(Map.entry(e.getKey(), e.getValue())));
            return new Key(entries);
        }

        /** The key fields as an object, for example {@code {"containerPort":80,"protocol":"TCP"}}. */
        public ObjectNode asObject() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            fields.forEach(e -> o.set(e.getKey(), e.getValue()));
            return o;
        }

        @Override
        public String encode() {
            StringBuilder sb = new StringBuilder("k:{");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Values.writeGoString(sb, fields.get(i).getKey());
                sb.append(':');
                Values.writeGoJson(sb, fields.get(i).getValue());
            }
            return sb.append('}').toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && encode().equals(k.encode());
        }

        @Override
        public int hashCode() {
            return encode().hashCode();
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            fields.forEach(e -> parts.add(e.getKey() + "=" + Values.goDisplay(e.getValue())));
            return "[" + String.join(",", parts) + "]";
        }
    }

    /** An element of a set (a list of scalars with {@code x-kubernetes-list-type: set}). */
    record Value(JsonNode value) implements PathElement {
        @Override
        public String encode() {
            return "v:" + Values.goJson(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Value v && encode().equals(v.encode());
        }

        @Override
        public int hashCode() {
            return encode().hashCode();
        }

        @Override
        public String toString() {
            return "[=" + Values.goDisplay(value) + "]";
        }
    }

    /** A list position; kube's typed lists never produce one, but the wire format allows it. */
    record Index(int index) implements PathElement {
        @Override
        public String encode() {
            return "i:" + index;
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    private static int rank(PathElement e) {
        return switch (e) {
            case Field f -> 0;
            case Key k -> 1;
            case Value v -> 2;
            case Index i -> 3;
        };
    }

    @Override
    default int compareTo(PathElement o) {
        int r = Integer.compare(rank(this), rank(o));
        if (r != 0) {
            return r;
        }
        return switch (this) {
            case Field f -> Values.compareStrings(f.name(), ((Field) o).name());
            case Key k -> compareKeys(k.fields(), ((Key) o).fields());
            case Value v -> Values.compare(v.value(), ((Value) o).value());
            case Index i -> Integer.compare(i.index(), ((Index) o).index());
        };
    }

    private static int compareKeys(List<Map.Entry<String, JsonNode>> a, List<Map.Entry<String, JsonNode>> b) {
        for (int i = 0; ; i++) {
            if (i >= a.size() && i >= b.size()) {
                return 0;
            }
            if (i >= a.size()) {
                return -1;
            }
            if (i >= b.size()) {
                return 1;
            }
            int c = Values.compareStrings(a.get(i).getKey(), b.get(i).getKey());
            if (c != 0) {
                return c;
            }
            c = Values.compare(a.get(i).getValue(), b.get(i).getValue());
            if (c != 0) {
                return c;
            }
        }
    }

    private static JsonNode parseJson(String text) {
        try {
            return Values.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid JSON in path element: " + text, e);
        }
    }
}
