package io.meridian.apiserver.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.schema.SchemaNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * An immutable set of {@link FieldPath}s, kept as a tree the way structured-merge-diff keeps it:
 * at each level, the elements that are themselves in the set ("members") and the elements under
 * which deeper paths are in the set ("children"). An element can be both, which {@code fieldsV1}
 * writes as a {@code ".": {}} entry.
 *
 * <p>The empty path is never a member: nobody owns "the whole object".
 */
public final class FieldSet {

    private static final FieldSet EMPTY = new FieldSet(new TreeSet<>(), new TreeMap<>());

    private final NavigableSet<PathElement> members;
    private final NavigableMap<PathElement, FieldSet> children;

    private FieldSet(NavigableSet<PathElement> members, NavigableMap<PathElement, FieldSet> children) {
        this.members = Collections.unmodifiableNavigableSet(members);
        this.children = Collections.unmodifiableNavigableMap(children);
    }

    public static FieldSet empty() {
        return EMPTY;
    }

    public static FieldSet of(FieldPath... paths) {
        Builder b = new Builder();
        for (FieldPath p : paths) {
            b.insert(p);
        }
        return b.build();
    }

    public static FieldSet of(Iterable<FieldPath> paths) {
        Builder b = new Builder();
        paths.forEach(b::insert);
        return b.build();
    }

    /**
     * The fields {@code object} sets, typed by {@code schema}: every scalar and atomic value, every
     * element of an associative list or set, and every entry of a map that is not a declared struct
     * field (label keys, for example). Struct fields themselves are implied by their contents.
     */
    public static FieldSet ofObject(JsonNode object, SchemaNode schema) {
        return Typed.toFieldSet(object, TypeRef.of(schema));
    }

    /** Decodes the {@code fieldsV1} wire format; unknown element prefixes are skipped as kube does. */
    public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
        if (fieldsV1 == null || fieldsV1.isNull() || fieldsV1.isMissingNode()) {
            return EMPTY;
        }
        if (!fieldsV1.isObject()) {
            throw new IllegalArgumentException("fieldsV1 must be a JSON object");
        }
        FieldSet s = decodeLevel(fieldsV1);
        return s == null ? EMPTY : s;
    }

    /** Parses {@code fieldsV1} given as JSON text. */
    public static FieldSet fromFieldsV1(String json) {
        try {
            return fromFieldsV1(Values.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fieldsV1 is not valid JSON", e);
        }
    }

    private static FieldSet decodeLevel(JsonNode node) {
        TreeSet<PathElement> members = new TreeSet<>();
        TreeMap<PathElement, FieldSet> children = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(".")) {
                continue;
            }
            PathElement pe;
            try {
                pe = PathElement.decode(e.getKey());
            } catch (PathElement.UnknownKind unknown) {
                continue;
            }
            JsonNode value = e.getValue();
            if (!value.isObject()) {
                throw new IllegalArgumentException("fieldsV1 entry " + e.getKey() + " must be an object");
            }
            FieldSet grandchildren = decodeLevel(value);
            if (grandchildren == null || value.has(".")) {
                members.add(pe);
            }
            if (grandchildren != null) {
                children.put(pe, grandchildren);
            }
        }
        if (members.isEmpty() && children.isEmpty()) {
            // An empty object (or one holding only "." or unknown entries) marks its parent as a leaf.
            return null;
        }
        return new FieldSet(members, children);
    }

    /** The {@code fieldsV1} object, with entries in kube's order. */
    public ObjectNode toFieldsV1() {
        return encodeLevel(false);
    }

    /**
     * The {@code fieldsV1} object as compact JSON text. It matches kube's bytes except that kube
     * (Go) also escapes {@code <}, {@code >} and {@code &} in field names; both read back the same.
     */
    public String toFieldsV1Json() {
        return toFieldsV1().toString();
    }

    private ObjectNode encodeLevel(boolean includeSelf) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (includeSelf) {
            out.putObject(".");
        }
        TreeSet<PathElement> all = new TreeSet<>(members);
        all.addAll(children.keySet());
        for (PathElement pe : all) {
            FieldSet child = children.get(pe);
            if (child == null) {
                out.putObject(pe.encode());
            } else {
                out.set(pe.encode(), child.encodeLevel(members.contains(pe)));
            }
        }
        return out;
    }

    public boolean isEmpty() {
        if (!members.isEmpty()) {
            return false;
        }
        for (FieldSet c : children.values()) {
            if (!c.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The number of member paths. */
    public int size() {
        int n = members.size();
        for (FieldSet c : children.values()) {
            n += c.size();
        }
        return n;
    }

    public boolean has(FieldPath path) {
        if (path.isRoot()) {
            return false;
        }
        FieldSet s = this;
        for (int i = 0; i < path.size() - 1; i++) {
            s = s.children.get(path.get(i));
            if (s == null) {
                return false;
            }
        }
        return s.members.contains(path.get(path.size() - 1));
    }

    /** The paths under {@code element}, without the element itself; empty if there are none. */
    public FieldSet withPrefix(PathElement element) {
        FieldSet s = children.get(element);
        return s == null ? EMPTY : s;
    }

    NavigableSet<PathElement> members() {
        return members;
    }

    NavigableMap<PathElement, FieldSet> children() {
        return children;
    }

    public FieldSet union(FieldSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.addAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>(children);
        other.children.forEach((pe, s) -> c.merge(pe, s, FieldSet::union));
        return new FieldSet(m, c);
    }

    /** The paths in both sets. */
    public FieldSet intersection(FieldSet other) {
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.retainAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((pe, s) -> {
            FieldSet o = other.children.get(pe);
            if (o != null) {
                FieldSet i = s.intersection(o);
                if (!i.isEmpty()) {
                    c.put(pe, i);
                }
            }
        });
        return normalized(m, c);
    }

    /**
     * The paths of this set that are not in {@code other}. Paths are compared one by one: removing
     * a parent path does not remove the paths beneath it.
     */
    public FieldSet difference(FieldSet other) {
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.removeAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((pe, s) -> {
            FieldSet o = other.children.get(pe);
            FieldSet d = o == null ? s : s.difference(o);
            if (!d.isEmpty()) {
                c.put(pe, d);
            }
        });
        return normalized(m, c);
    }

    /** Like {@link #difference}, but a path in {@code other} also removes every path beneath it. */
    public FieldSet recursiveDifference(FieldSet other) {
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.removeAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((pe, s) -> {
            if (other.members.contains(pe)) {
                return;
            }
            FieldSet o = other.children.get(pe);
            FieldSet d = o == null ? s : s.recursiveDifference(o);
            if (!d.isEmpty()) {
                c.put(pe, d);
            }
        });
        return normalized(m, c);
    }

    /** A set from one level's members and children; empty children are dropped. */
    static FieldSet create(TreeSet<PathElement> members, TreeMap<PathElement, FieldSet> children) {
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((pe, s) -> {
            if (!s.isEmpty()) {
                c.put(pe, s);
            }
        });
        return normalized(new TreeSet<>(members), c);
    }

    private static FieldSet normalized(TreeSet<PathElement> m, TreeMap<PathElement, FieldSet> c) {
        return m.isEmpty() && c.isEmpty() ? EMPTY : new FieldSet(m, c);
    }

    /** Every member path, in kube's order: a level's members, then its children depth first. */
    public List<FieldPath> paths() {
        List<FieldPath> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    public void forEach(Consumer<FieldPath> action) {
        iterate(FieldPath.ROOT, action);
    }

    private void iterate(FieldPath prefix, Consumer<FieldPath> action) {
        members.forEach(pe -> action.accept(prefix.child(pe)));
        children.forEach((pe, s) -> s.iterate(prefix.child(pe), action));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet other && members.equals(other.members) && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(members, children);
    }

    /** One path per line, as kube prints a set. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        forEach(p -> lines.add(p.toString()));
        return String.join("\n", lines);
    }

    /** Collects paths into a set. */
    public static final class Builder {
        private final TreeSet<PathElement> members = new TreeSet<>();
        private final TreeMap<PathElement, Builder> children = new TreeMap<>();

        /** Adds {@code path}; its parents are not added. The root path is ignored. */
        public Builder insert(FieldPath path) {
            if (path.isRoot()) {
                return this;
            }
            Builder b = this;
            for (int i = 0; i < path.size() - 1; i++) {
                b = b.children.computeIfAbsent(path.get(i), k -> new Builder());
            }
            b.members.add(path.get(path.size() - 1));
            return this;
        }

        public FieldSet build() {
            TreeMap<PathElement, FieldSet> c = new TreeMap<>();
            children.forEach((pe, b) -> {
                FieldSet s = b.build();
                if (!s.isEmpty()) {
                    c.put(pe, s);
                }
            });
            return normalized(new TreeSet<>(members), c);
        }
    }
}
