package io.meridian.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schema-aware walks server-side apply is built from: the field set of an object, the
 * comparison of two objects, the merge of an applied configuration into a live object, and the
 * removal of a set of fields. In every walk, "absent" is a Java null and a JSON null is a present
 * value.
 */
final class Typed {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Typed() {}

    // ---------------------------------------------------------------- field sets

    static FieldSet toFieldSet(JsonNode value, TypeRef type) {
        FieldSet.Builder b = new FieldSet.Builder();
        if (value != null) {
            toFieldSet(value, type, FieldPath.ROOT, b);
        }
        return b.build();
    }

    private static void toFieldSet(JsonNode v, TypeRef t, FieldPath path, FieldSet.Builder out) {
        switch (t.shape(v)) {
            case LEAF -> out.insert(path);
            case MAP -> {
                if (t.mapAtomic()) {
                    out.insert(path);
                    return;
                }
                if (!v.isObject()) {
                    return;
                }
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    FieldPath child = path.child(e.getKey());
                    toFieldSet(e.getValue(), t.fieldOrDeduced(e.getKey()), child, out);
                    if (!t.declared(e.getKey())) {
                        out.insert(child);
                    }
                }
            }
            case LIST -> {
                List<PathElement> keys = t.listAtomic() ? null : t.itemKeys(v);
                if (keys == null) {
                    out.insert(path);
                    return;
                }
                TypeRef et = t.elementType();
                for (int i = 0; i < keys.size(); i++) {
                    FieldPath child = path.child(keys.get(i));
                    toFieldSet(v.get(i), et, child, out);
                    out.insert(child);
                }
            }
        }
    }

    /**
     * Adds every declared struct field that is an ancestor of a path in {@code set}, so that
     * removing the set also removes struct fields left empty (but not map entries).
     */
    static FieldSet ensureNamedFieldsAreMembers(FieldSet set, TypeRef t) {
        TreeSet<PathElement> members = new TreeSet<>(set.members());
        TreeMap<PathElement, FieldSet> children = new TreeMap<>();
        set.children().forEach((pe, child) -> {
            TypeRef ct = null;
            if (t != null && pe instanceof PathElement.Field f && t.hasMap()) {
                if (t.declared(f.name())) {
                    members.add(pe);
                }
                ct = t.field(f.name());
            } else if (t != null && pe instanceof PathElement.Key && t.hasList()) {
                ct = t.elementType();
            }
            children.put(pe, ensureNamedFieldsAreMembers(child, ct));
        });
        return FieldSet.create(members, children);
    }

    // ---------------------------------------------------------------- merge and compare

    /** What to do at a leaf (scalar, atomic value, or a container empty on both sides). */
    interface LeafRule {
        JsonNode leaf(FieldPath path, JsonNode lhs, JsonNode rhs);
    }

    /** Called after a non-leaf node's children have been walked. */
    interface NodeHook {
        void after(FieldPath path, JsonNode lhs, JsonNode rhs);
    }

    private static final LeafRule KEEP_RHS = (path, lhs, rhs) -> rhs != null ? rhs.deepCopy() : lhs.deepCopy();

    /**
     * Merges {@code rhs} into {@code lhs}: leaves take the right-hand value, maps are merged key by
     * key, associative lists element by element (in the order structured-merge-diff produces), and
     * atomic values are replaced. Nothing is removed.
     */
    static JsonNode merge(JsonNode lhs, JsonNode rhs, TypeRef type) {
        return walk(FieldPath.ROOT, lhs, rhs, type, KEEP_RHS, (p, l, r) -> {});
    }

    /** The fields added, modified and removed going from {@code lhs} to {@code rhs}. */
    record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

        Comparison excluding(FieldSet fields) {
            if (fields == null || fields.isEmpty()) {
                return this;
            }
            return new Comparison(
                    added.recursiveDifference(fields),
                    modified.recursiveDifference(fields),
                    removed.recursiveDifference(fields));
        }

        FieldSet changed() {
            return modified.union(added);
        }
    }

    static Comparison compare(JsonNode lhs, JsonNode rhs, TypeRef type) {
        FieldSet.Builder added = new FieldSet.Builder();
        FieldSet.Builder modified = new FieldSet.Builder();
        FieldSet.Builder removed = new FieldSet.Builder();
        walk(
                FieldPath.ROOT,
                lhs,
                rhs,
                type,
                (path, l, r) -> {
                    if (l == null) {
                        added.insert(path);
                    } else if (r == null) {
                        removed.insert(path);
                    } else if (!Values.equal(l, r)) {
                        modified.insert(path);
                    }
                    return null;
                },
                (path, l, r) -> {
                    if (l == null) {
                        added.insert(path);
                    } else if (r == null) {
                        removed.insert(path);
                    }
                });
        return new Comparison(added.build(), modified.build(), removed.build());
    }

    private static JsonNode walk(FieldPath path, JsonNode lhs, JsonNode rhs, TypeRef t, LeafRule rule, NodeHook hook) {
        TypeRef.Shape shape;
        if (lhs == null) {
            shape = t.shape(rhs);
        } else if (rhs == null) {
            shape = t.shape(lhs);
        } else {
            shape = t.shape(lhs);
            if (shape != t.shape(rhs)) {
                shape = TypeRef.Shape.LEAF;
            }
        }
        return switch (shape) {
            case LEAF -> rule.leaf(path, lhs, rhs);
            case MAP -> walkMap(path, lhs, rhs, t, rule, hook);
            case LIST -> walkList(path, lhs, rhs, t, rule, hook);
        };
    }

    private static boolean emptyContainer(JsonNode v) {
        return v == null || v.isNull() || v.isEmpty();
    }

    private static JsonNode walkMap(
            FieldPath path, JsonNode lhs, JsonNode rhs, TypeRef t, LeafRule rule, NodeHook hook) {
        if (t.mapAtomic() || (emptyContainer(lhs) && emptyContainer(rhs))) {
            // Both empty (or null): a leaf, so that {} and null stay distinct.
            return rule.leaf(path, lhs, rhs);
        }
        JsonNode lm = lhs != null && lhs.isObject() ? lhs : null;
        JsonNode rm = rhs != null && rhs.isObject() ? rhs : null;
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        if (lm != null) {
            lm.fieldNames().forEachRemaining(keys::add);
        }
        if (rm != null) {
            rm.fieldNames().forEachRemaining(keys::add);
        }
        ObjectNode out = F.objectNode();
        for (String k : keys) {
            JsonNode o = walk(
                    path.child(k),
                    lm == null ? null : lm.get(k),
                    rm == null ? null : rm.get(k),
                    t.fieldOrDeduced(k),
                    rule,
                    hook);
            if (o != null) {
                out.set(k, o);
            }
        }
        hook.after(path, lhs, rhs);
        return out.isEmpty() ? null : out;
    }

    /** One side of a list indexed by element key; duplicated keys map to null. */
    private record Indexed(List<PathElement> order, Map<PathElement, JsonNode> observed) {}

    private static Indexed index(JsonNode list, List<PathElement> keys) {
        Map<PathElement, JsonNode> observed = new HashMap<>();
        Set<PathElement> duplicated = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            PathElement pe = keys.get(i);
            if (observed.containsKey(pe)) {
                duplicated.add(pe);
            } else {
                observed.put(pe, list.get(i));
            }
        }
        duplicated.forEach(pe -> observed.put(pe, null));
        return new Indexed(keys, observed);
    }

    private static JsonNode walkList(
            FieldPath path, JsonNode lhs, JsonNode rhs, TypeRef t, LeafRule rule, NodeHook hook) {
        if (t.listAtomic() || (emptyContainer(lhs) && emptyContainer(rhs))) {
            return rule.leaf(path, lhs, rhs);
        }
        JsonNode ll = lhs != null && lhs.isArray() ? lhs : null;
        JsonNode rl = rhs != null && rhs.isArray() ? rhs : null;
        List<PathElement> lKeys = t.itemKeys(ll);
        List<PathElement> rKeys = t.itemKeys(rl);
        if (lKeys == null || rKeys == null) {
            // An element without a usable key makes the whole list one value.
            return rule.leaf(path, lhs, rhs);
        }
        Indexed l = index(ll, lKeys);
        Indexed r = index(rl, rKeys);
        TypeRef et = t.elementType();
        ArrayNode out = F.arrayNode();

        // Elements only on the left keep their place; shared elements follow the right-hand order.
        List<PathElement> sharedOrder = new ArrayList<>();
        for (PathElement pe : r.order()) {
            if (l.observed().containsKey(pe)) {
                sharedOrder.add(pe);
            }
        }
        int shared = 0;
        PathElement nextShared = shared < sharedOrder.size() ? sharedOrder.get(shared++) : null;
        Set<PathElement> mergedRight = new HashSet<>();
        int lLen = l.order().size();
        int rLen = r.order().size();
        int li = 0;
        int ri = 0;
        while (li < lLen || ri < rLen) {
            if (li < lLen && ri < rLen) {
                PathElement pe = l.order().get(li);
                if (pe.equals(r.order().get(ri))) {
                    mergedRight.add(pe);
                    add(
                            out,
                            walk(
                                    path.child(pe),
                                    l.observed().get(pe),
                                    r.observed().get(pe),
                                    et,
                                    rule,
                                    hook));
                    li++;
                    ri++;
                    nextShared = shared < sharedOrder.size() ? sharedOrder.get(shared++) : null;
                    continue;
                }
                if (r.observed().containsKey(pe) && nextShared != null && !nextShared.equals(pe)) {
                    li++;
                    continue;
                }
            }
            if (li < lLen) {
                PathElement pe = l.order().get(li);
                if (!r.observed().containsKey(pe)) {
                    add(out, walk(path.child(pe), ll.get(li), null, et, rule, hook));
                    li++;
                    continue;
                } else if (mergedRight.contains(pe)) {
                    li++;
                    continue;
                }
            }
            if (ri < rLen) {
                PathElement pe = r.order().get(ri);
                mergedRight.add(pe);
                add(out, walk(path.child(pe), l.observed().get(pe), r.observed().get(pe), et, rule, hook));
                ri++;
                if (nextShared != null && nextShared.equals(pe)) {
                    nextShared = shared < sharedOrder.size() ? sharedOrder.get(shared++) : null;
                }
            }
        }
        hook.after(path, lhs, rhs);
        return out.isEmpty() ? null : out;
    }

    private static void add(ArrayNode out, JsonNode v) {
        if (v != null) {
            out.add(v);
        }
    }

    // ---------------------------------------------------------------- removal

    /**
     * {@code value} without the fields in {@code toRemove} (each with everything beneath it). A
     * container left empty becomes JSON null, as structured-merge-diff leaves it.
     */
    static JsonNode removeItems(JsonNode value, FieldSet toRemove, TypeRef t) {
        if (value == null || toRemove.isEmpty()) {
            return value;
        }
        return switch (t.shape(value)) {
            case LEAF -> value;
            case MAP -> {
                if (!value.isObject() || value.isEmpty() || t.mapAtomic()) {
                    yield NullNode.instance;
                }
                ObjectNode out = F.objectNode();
                Iterator<Map.Entry<String, JsonNode>> it = value.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    PathElement pe = new PathElement.Field(e.getKey());
                    if (toRemove.members().contains(pe)) {
                        continue;
                    }
                    FieldSet sub = toRemove.withPrefix(pe);
                    JsonNode v = e.getValue();
                    if (!sub.isEmpty()) {
                        v = removeItems(v, sub, t.fieldOrDeduced(e.getKey()));
                    }
                    out.set(e.getKey(), v);
                }
                yield out.isEmpty() ? NullNode.instance : out;
            }
            case LIST -> {
                if (!value.isArray() || value.isEmpty() || t.listAtomic()) {
                    yield NullNode.instance;
                }
                ArrayNode out = F.arrayNode();
                TypeRef et = t.elementType();
                for (JsonNode item : value) {
                    PathElement pe = t.itemKey(item).element();
                    if (pe != null) {
                        if (toRemove.members().contains(pe)) {
                            continue;
                        }
                        FieldSet sub = toRemove.withPrefix(pe);
                        if (!sub.isEmpty()) {
                            item = removeItems(item, sub, et);
                        }
                    }
                    out.add(item);
                }
                yield out.isEmpty() ? NullNode.instance : out;
            }
        };
    }

    // ---------------------------------------------------------------- applied configuration

    /**
     * Why {@code config} cannot be typed by the schema, in structured-merge-diff's wording: fields
     * the schema does not declare, list elements without keys, duplicated keys.
     */
    static List<String> validate(JsonNode config, TypeRef t) {
        List<String> errors = new ArrayList<>();
        validate(config, t, FieldPath.ROOT, errors);
        return errors;
    }

    private static void validate(JsonNode v, TypeRef t, FieldPath path, List<String> errors) {
        switch (t.shape(v)) {
            case LEAF -> {}
            case MAP -> {
                if (!v.isObject() || t.mapAtomic()) {
                    return;
                }
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    FieldPath child = path.child(e.getKey());
                    TypeRef ct = t.field(e.getKey());
                    if (ct == null) {
                        errors.add(child + ": field not declared in schema");
                    } else {
                        validate(e.getValue(), ct, child, errors);
                    }
                }
            }
            case LIST -> {
                if (!v.isArray() || t.listAtomic()) {
                    return;
                }
                Set<PathElement> seen = new HashSet<>();
                TypeRef et = t.elementType();
                for (int i = 0; i < v.size(); i++) {
                    TypeRef.ItemKey k = t.itemKey(v.get(i));
                    if (k.element() == null) {
                        errors.add(prefix(path) + "element " + i + ": " + k.error());
                        continue;
                    }
                    if (!seen.add(k.element())) {
                        errors.add(prefix(path) + "duplicate entries for key " + k.element());
                        continue;
                    }
                    validate(v.get(i), et, path.child(k.element()), errors);
                }
            }
        }
    }

    private static String prefix(FieldPath path) {
        return path.isRoot() ? "" : path + ": ";
    }

    /**
     * Drops JSON nulls from declared, non-nullable fields, as kube does when it turns the merged
     * result back into a typed object (or prunes a custom resource). Nulls under untyped fields
     * stay.
     */
    static JsonNode dropNulls(JsonNode v, TypeRef t) {
        if (v == null) {
            return null;
        }
        switch (t.shape(v)) {
            case MAP -> {
                if (!v.isObject() || t.mapAtomic()) {
                    return v;
                }
                ObjectNode o = (ObjectNode) v;
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                for (String n : names) {
                    TypeRef ct = t.fieldOrDeduced(n);
                    JsonNode child = o.get(n);
                    if (child.isNull() && !ct.deduced() && !ct.nullable()) {
                        o.remove(n);
                    } else {
                        dropNulls(child, ct);
                    }
                }
                return o;
            }
            case LIST -> {
                if (v.isArray() && !t.listAtomic()) {
                    TypeRef et = t.elementType();
                    v.forEach(item -> dropNulls(item, et));
                }
                return v;
            }
            default -> {
                return v;
            }
        }
    }

    /**
     * Fills in, in place, what a Go struct of a built-in kind always carries when serialized:
     * non-pointer struct fields as {@code {}} and non-omitempty fields as null. kube compares its
     * typed objects, so without these a field would look "added" where kube sees it unchanged.
     */
    static JsonNode fillGoZeroValues(JsonNode v, TypeRef t) {
        if (v == null) {
            return null;
        }
        switch (t.shape(v)) {
            case MAP -> {
                if (!v.isObject() || t.mapAtomic()) {
                    return v;
                }
                ObjectNode o = (ObjectNode) v;
                for (String name : t.goZeroStructFields()) {
                    if (!o.has(name) || o.get(name).isNull()) {
                        o.putObject(name);
                    }
                }
                for (String name : t.required()) {
                    if (!o.has(name)) {
                        o.putNull(name);
                    }
                }
                o.fields().forEachRemaining(e -> fillGoZeroValues(e.getValue(), t.fieldOrDeduced(e.getKey())));
                return o;
            }
            case LIST -> {
                if (v.isArray() && !t.listAtomic()) {
                    TypeRef et = t.elementType();
                    v.forEach(item -> fillGoZeroValues(item, et));
                }
                return v;
            }
            default -> {
                return v;
            }
        }
    }
}
