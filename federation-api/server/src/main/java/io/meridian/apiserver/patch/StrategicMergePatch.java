package io.meridian.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.meridian.apiserver.patch.GoValues.Kind;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube's strategic merge patch ({@code application/strategic-merge-patch+json}), the server half
 * ({@code StrategicMergeMapPatch}), driven by the OpenAPI schema of the kind instead of Go struct
 * tags.
 *
 * <p>Patch metadata of a field comes from its schema: {@code x-kubernetes-patch-strategy}
 * ({@code merge}, {@code replace}, {@code retainKeys}, {@code merge,retainKeys}) and
 * {@code x-kubernetes-patch-merge-key}. When a list declares strategy {@code merge} but no merge
 * key, a single {@code x-kubernetes-list-map-keys} entry is used as merge key (kube's native
 * schemas always declare both, so this only widens what works); {@code x-kubernetes-list-type}
 * alone never makes a list merge — as in kube, a list without strategy {@code merge} is replaced.
 * A field the schema does not declare, or an ANY / preserve-unknown-fields subtree, has no patch
 * metadata: maps merge, lists are replaced, directives still apply — merge-patch semantics.
 *
 * <p>Semantics follow apimachinery's {@code strategicpatch} package:
 *
 * <ul>
 *   <li>maps merge recursively; {@code null} deletes a key; {@code $patch: replace} replaces the
 *       map with the patch, {@code $patch: delete} empties it;
 *   <li>a list with strategy {@code merge} and a merge key merges element-wise: patch elements
 *       update the element with the same key; {@code {$patch: delete, <key>: v}} removes it;
 *       an element {@code {$patch: replace}} makes the other patch elements the whole list;
 *   <li>a primitive list with strategy {@code merge} is a union, and
 *       {@code $deleteFromPrimitiveList/<field>} removes values;
 *   <li>order: the patch's elements come in patch order (or in {@code $setElementOrder/<field>}
 *       order when given), and each other live element is slotted in before the first of them
 *       that it preceded in the live list. A new element therefore lands <em>before</em> the
 *       elements that were there — kube does exactly this for {@code kubectl patch}; apply sends
 *       {@code $setElementOrder} to keep its own order;
 *   <li>{@code $retainKeys} drops the keys of the map that it does not list (kube applies it
 *       whatever the field's strategy), and refuses a patch that sets a key it does not list.
 * </ul>
 *
 * <p>Values inserted from the patch rather than merged are cleaned as kube's typed decode would
 * clean them: {@code null} members are dropped and maps still carrying a directive are left out.
 *
 * <p>Errors are kube's: 400 for a malformed {@code $retainKeys}, {@code $setElementOrder} or
 * {@code $deleteFromPrimitiveList}; 422 for lists of lists; 500 with an empty reason for every
 * other refusal ({@code unknown patch type: ...}, {@code map: ... does not contain declared merge
 * key: ...}), with kube's messages and Go's rendering of the values in them.
 */
public final class StrategicMergePatch {

    private static final String DIRECTIVE = "$patch";
    private static final String DELETE = "delete";
    private static final String REPLACE = "replace";
    private static final String MERGE = "merge";
    private static final String RETAIN_KEYS_STRATEGY = "retainKeys";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrategicMergePatch() {}

    /**
     * Applies {@code patch} to {@code original} (a JSON object; null counts as empty) under
     * {@code schema} (null counts as {@link SchemaNode#ANY}). Neither input is modified.
     *
     * @throws ApiException 400 when the patch is not a JSON object or a directive is malformed; 422
     *     or 500 for the other refusals listed on the class
     */
    public static JsonNode apply(JsonNode original, JsonNode patch, SchemaNode schema) {
        ObjectNode base;
        if (original == null || original.isNull() || original.isMissingNode()) {
            base = NODES.objectNode();
        } else if (original.isObject()) {
            base = original.deepCopy();
        } else {
            throw new IllegalArgumentException("a strategic merge patch applies to a JSON object, not " + original);
        }
        if (patch == null || patch.isNull() || patch.isMissingNode()) {
            // Go decodes a null body into a nil map: nothing to merge
            return base;
        }
        if (!patch.isObject()) {
            throw PatchErrors.cannotUnmarshal(patch, "map[string]interface {}");
        }
        return mergeMap(base, ((ObjectNode) patch).deepCopy(), schema == null ? SchemaNode.ANY : schema);
    }

    /**
     * Parses the request body and applies it; see {@link #apply(JsonNode, JsonNode, SchemaNode)}.
     *
     * @throws ApiException 400 with the parser's message when the body is not JSON
     */
    public static JsonNode apply(JsonNode original, byte[] patch, SchemaNode schema) {
        PatchJson.Parsed parsed = PatchJson.read(patch);
        if (parsed.error() != null) {
            throw PatchErrors.badRequest(parsed.error());
        }
        return apply(original, parsed.node(), schema);
    }

    // ---- maps

    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, SchemaNode schema) {
        JsonNode directive = patch.get(DIRECTIVE);
        if (directive != null) {
            return mapDirective(directive, patch);
        }
        applyRetainKeys(original, patch);
        applySetElementOrder(original, patch, schema);

        // Go walks the patch in random order; deletions from primitive lists go last so that a
        // patch adding and removing the same value always ends up without it.
        List<String> keys = names(patch);
        keys.sort(Comparator.comparing(k -> k.startsWith(DELETE_FROM_PRIMITIVE_LIST)));
        for (String key : keys) {
            JsonNode patchValue = patch.get(key);
            String name = key;
            boolean deleteList = false;
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                name = extractKey(key, DELETE_FROM_PRIMITIVE_LIST, PatchErrors.BAD_PRIMITIVE_LIST);
                deleteList = true;
            }
            if (patchValue.isNull()) {
                original.remove(name);
                continue;
            }
            JsonNode current = original.get(name);
            if (current == null || GoValues.kind(current) != GoValues.kind(patchValue)) {
                if (!deleteList) {
                    insert(original, name, patchValue);
                }
                continue;
            }
            switch (GoValues.kind(current)) {
                case MAP ->
                    original.set(
                            name, mergeMapField((ObjectNode) current, (ObjectNode) patchValue, Field.of(schema, name)));
                case SLICE ->
                    original.set(
                            name,
                            mergeSliceField(
                                    Field.of(schema, name), (ArrayNode) current, (ArrayNode) patchValue, deleteList));
                default -> insert(original, name, patchValue);
            }
        }
        return original;
    }

    private static ObjectNode mapDirective(JsonNode directive, ObjectNode patch) {
        if (isText(directive, REPLACE)) {
            patch.remove(DIRECTIVE);
            return (ObjectNode) clean(patch);
        }
        if (isText(directive, DELETE)) {
            return NODES.objectNode();
        }
        throw PatchErrors.badPatchType(directive, patch);
    }

    private static ObjectNode mergeMapField(ObjectNode current, ObjectNode patch, Field field) {
        if (REPLACE.equals(field.strategy())) {
            patch.remove(DIRECTIVE);
            return (ObjectNode) clean(patch);
        }
        return mergeMap(current, patch, field.schema());
    }

    private static void applyRetainKeys(ObjectNode original, ObjectNode patch) {
        JsonNode retain = patch.remove(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw PatchErrors.badRequest(PatchErrors.BAD_RETAIN_KEYS);
        }
        Set<Object> kept = new HashSet<>();
        retain.forEach(k -> kept.add(GoValues.key(k)));
        for (String name : names(patch)) {
            if (patch.get(name).isNull()
                    || name.startsWith(DELETE_FROM_PRIMITIVE_LIST)
                    || name.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (!kept.contains(GoValues.key(TextNode.valueOf(name)))) {
                throw PatchErrors.badRequest(PatchErrors.BAD_RETAIN_KEYS);
            }
        }
        for (String name : names(original)) {
            if (!kept.contains(GoValues.key(TextNode.valueOf(name)))) {
                original.remove(name);
            }
        }
    }

    /**
     * Merges every list that has a {@code $setElementOrder/<field>} companion and orders it: the
     * listed order first, unlisted elements after in their live order. Both the directive and the
     * list leave the patch so the main loop does not see them again.
     */
    private static void applySetElementOrder(ObjectNode original, ObjectNode patch, SchemaNode schema) {
        for (String key : names(patch)) {
            if (!key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            JsonNode order = patch.remove(key);
            if (!order.isArray()) {
                throw PatchErrors.badArgType(Kind.SLICE, order);
            }
            String name = extractKey(key, SET_ELEMENT_ORDER, PatchErrors.BAD_SET_ELEMENT_ORDER);
            boolean foundOriginal = original.has(name);
            boolean foundPatch = patch.has(name);
            JsonNode originalList = original.get(name);
            JsonNode patchList = patch.get(name);
            if (foundOriginal && !originalList.isArray()) {
                throw PatchErrors.badArgType(Kind.SLICE, originalList);
            }
            if (foundPatch && !patchList.isArray()) {
                throw PatchErrors.badArgType(Kind.SLICE, patchList);
            }
            Field field = Field.of(schema, name);
            List<JsonNode> orderList = elements(order);
            List<JsonNode> originalElements = foundOriginal ? elements(originalList) : List.of();
            List<JsonNode> patchElements = foundPatch ? elements(patchList) : List.of();
            validateSetElementOrder(patchElements, orderList, field.mergeKey(), patchList, order);

            List<JsonNode> merged;
            if (foundOriginal && foundPatch) {
                merged = elements(mergeSliceField(field, (ArrayNode) originalList, (ArrayNode) patchList, false));
            } else if (foundOriginal) {
                merged = originalElements;
            } else if (foundPatch) {
                merged = elements(clean(patchList));
            } else {
                continue;
            }
            Partition partition = field.mergeKey().isEmpty()
                    ? partitionPrimitives(merged, orderList)
                    : partitionMaps(merged, orderList, field.mergeKey());
            Kind kind = elementKind(originalElements, patchElements);
            original.set(
                    name,
                    array(normalizeElementOrder(
                            partition.listed(),
                            partition.unlisted(),
                            orderList,
                            originalElements,
                            field.mergeKey(),
                            kind)));
            patch.remove(name);
        }
    }

    /** The patch's own elements must appear in {@code $setElementOrder} and in the same order. */
    private static void validateSetElementOrder(
            List<JsonNode> patchElements,
            List<JsonNode> order,
            String mergeKey,
            JsonNode patchList,
            JsonNode orderNode) {
        if (order.isEmpty() || patchElements.isEmpty()) {
            return;
        }
        List<JsonNode> kept = new ArrayList<>();
        if (mergeKey.isEmpty()) {
            kept.addAll(patchElements);
        } else {
            for (JsonNode element : patchElements) {
                if (!element.isObject()) {
                    throw PatchErrors.badArgType(Kind.MAP, element);
                }
                if (!isText(element.get(DIRECTIVE), DELETE)) {
                    kept.add(element);
                }
            }
        }
        int p = 0;
        int s = 0;
        while (p < kept.size() && s < order.size()) {
            if (kept.get(p).isObject() && kept.get(p).has(DIRECTIVE)) {
                p++;
                continue;
            }
            if (mergeKeyValueEqual(kept.get(p), order.get(s), mergeKey)) {
                p++;
            }
            s++;
        }
        if (p < kept.size()) {
            throw PatchErrors.unknown("the order in patch list:\n" + GoValues.v(patchList) + "\n doesn't match "
                    + SET_ELEMENT_ORDER + " list:\n" + GoValues.v(orderNode));
        }
    }

    private static boolean mergeKeyValueEqual(JsonNode left, JsonNode right, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return GoValues.same(left, right);
        }
        if (!left.isObject()) {
            throw PatchErrors.badArgType(Kind.MAP, left);
        }
        if (!right.isObject()) {
            throw PatchErrors.badArgType(Kind.MAP, right);
        }
        if (!left.has(mergeKey)) {
            throw PatchErrors.noMergeKey(left, mergeKey);
        }
        if (!right.has(mergeKey)) {
            throw PatchErrors.noMergeKey(right, mergeKey);
        }
        return GoValues.same(left.get(mergeKey), right.get(mergeKey));
    }

    // ---- lists

    private static ArrayNode mergeSliceField(Field field, ArrayNode current, ArrayNode patch, boolean deleteList) {
        // a deletion list deletes whatever the field's strategy is
        if (MERGE.equals(field.strategy()) || deleteList) {
            return mergeSlice(field, current, patch, deleteList);
        }
        return (ArrayNode) clean(patch);
    }

    private static ArrayNode mergeSlice(Field field, ArrayNode currentNode, ArrayNode patchNode, boolean deleteList) {
        List<JsonNode> original = elements(currentNode);
        List<JsonNode> patch = elements(patchNode);
        if (original.isEmpty() && patch.isEmpty()) {
            return currentNode;
        }
        Kind kind = elementKind(original, patch);
        String mergeKey = field.mergeKey();
        List<JsonNode> merged;
        if (kind != Kind.MAP) {
            if (deleteList) {
                Set<Object> doomed = keys(patch);
                return array(original.stream()
                        .filter(e -> !doomed.contains(GoValues.key(e)))
                        .toList());
            }
            Map<Object, JsonNode> union = new LinkedHashMap<>();
            original.forEach(e -> union.putIfAbsent(GoValues.key(e), e));
            patch.forEach(e -> union.putIfAbsent(GoValues.key(e), e));
            merged = new ArrayList<>(union.values());
        } else {
            if (mergeKey.isEmpty()) {
                throw PatchErrors.unknown("cannot merge lists without merge key for " + field.name());
            }
            Special special = takeSpecialElements(original, patch, mergeKey);
            original = special.original();
            patch = special.patch();
            merged = mergeElements(
                    new ArrayList<>(original), patch, mergeKey, field.schema().items());
        }
        Partition partition =
                mergeKey.isEmpty() ? partitionPrimitives(merged, patch) : partitionMaps(merged, patch, mergeKey);
        return array(normalizeElementOrder(partition.listed(), partition.unlisted(), patch, original, mergeKey, kind));
    }

    private record Special(List<JsonNode> original, List<JsonNode> patch) {}

    /** Carries out the {@code $patch} elements of a list patch and returns what is left to merge. */
    private static Special takeSpecialElements(List<JsonNode> original, List<JsonNode> patch, String mergeKey) {
        List<JsonNode> plain = new ArrayList<>();
        List<JsonNode> current = original;
        boolean replace = false;
        for (JsonNode element : patch) {
            JsonNode directive = element.get(DIRECTIVE);
            if (directive == null) {
                plain.add(element);
            } else if (isText(directive, DELETE)) {
                if (!element.has(mergeKey)) {
                    throw PatchErrors.noMergeKey(element, mergeKey);
                }
                JsonNode doomed = element.get(mergeKey);
                List<JsonNode> remaining = new ArrayList<>();
                for (JsonNode e : current) {
                    if (!(e.has(mergeKey) && GoValues.same(e.get(mergeKey), doomed))) {
                        remaining.add(e);
                    }
                }
                current = remaining;
            } else if (isText(directive, REPLACE)) {
                // keep going: the other directive elements must still be dropped
                replace = true;
            } else if (isText(directive, MERGE)) {
                throw PatchErrors.unknown("merging lists cannot yet be specified in the patch");
            } else {
                throw PatchErrors.badPatchType(directive, element);
            }
        }
        if (replace) {
            return new Special(plain.stream().map(StrategicMergePatch::clean).toList(), List.of());
        }
        return new Special(current, plain);
    }

    private static List<JsonNode> mergeElements(
            List<JsonNode> original, List<JsonNode> patch, String mergeKey, SchemaNode elementSchema) {
        for (JsonNode element : patch) {
            if (!element.has(mergeKey)) {
                throw PatchErrors.noMergeKey(element, mergeKey);
            }
            int at = find(original, mergeKey, element.get(mergeKey));
            if (at >= 0) {
                original.set(at, mergeMap((ObjectNode) original.get(at), (ObjectNode) element, elementSchema));
            } else {
                original.add(clean(element));
            }
        }
        return original;
    }

    private static int find(List<JsonNode> list, String mergeKey, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            if (!e.isObject()) {
                throw PatchErrors.unknown("value for key " + i + " is not a map");
            }
            if (e.has(mergeKey) && GoValues.same(e.get(mergeKey), value)) {
                return i;
            }
        }
        return -1;
    }

    /** The Go type shared by all elements; lists of lists and mixed lists are refused. */
    private static Kind elementKind(List<JsonNode> first, List<JsonNode> second) {
        Kind kind = null;
        for (List<JsonNode> list : List.of(first, second)) {
            for (JsonNode e : list) {
                Kind k = GoValues.kind(e);
                if (kind == null) {
                    if (k == Kind.SLICE) {
                        throw PatchErrors.rejected();
                    }
                    kind = k;
                } else if (kind != k) {
                    throw PatchErrors.unknown(
                            "list element types are not identical: " + GoValues.slices(List.of(first, second)));
                }
            }
        }
        if (kind == null) {
            throw PatchErrors.unknown("no elements in any of the given slices");
        }
        return kind;
    }

    // ---- ordering

    private record Partition(List<JsonNode> listed, List<JsonNode> unlisted) {}

    private static Partition partitionPrimitives(List<JsonNode> merged, List<JsonNode> by) {
        Set<Object> listed = keys(by);
        List<JsonNode> in = new ArrayList<>();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : merged) {
            (listed.contains(GoValues.key(e)) ? in : out).add(e);
        }
        return new Partition(in, out);
    }

    private static Partition partitionMaps(List<JsonNode> merged, List<JsonNode> by, String mergeKey) {
        List<JsonNode> in = new ArrayList<>();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : merged) {
            if (!e.isObject()) {
                throw PatchErrors.badArgType(Kind.MAP, e);
            }
            if (!e.has(mergeKey)) {
                throw PatchErrors.noMergeKey(e, mergeKey);
            }
            (find(by, mergeKey, e.get(mergeKey)) >= 0 ? in : out).add(e);
        }
        return new Partition(in, out);
    }

    /**
     * Sorts the patch's elements by {@code patchOrder} and the others by {@code serverOrder}, then
     * interleaves them: an unlisted element is placed before a listed one only when the live list
     * had it earlier.
     */
    private static List<JsonNode> normalizeElementOrder(
            List<JsonNode> listed,
            List<JsonNode> unlisted,
            List<JsonNode> patchOrder,
            List<JsonNode> serverOrder,
            String mergeKey,
            Kind kind) {
        List<JsonNode> right = sortByOrder(listed, patchOrder, mergeKey, kind);
        List<JsonNode> left = sortByOrder(unlisted, serverOrder, mergeKey, kind);
        Positions server = new Positions(serverOrder, mergeKey, kind);
        List<JsonNode> out = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() && j < right.size()) {
            int li = server.of(left.get(i));
            int ri = server.of(right.get(j));
            if (li >= 0 && ri >= 0 && li < ri) {
                out.add(left.get(i++));
            } else {
                out.add(right.get(j++));
            }
        }
        out.addAll(left.subList(i, left.size()));
        out.addAll(right.subList(j, right.size()));
        return out;
    }

    private static List<JsonNode> sortByOrder(List<JsonNode> toSort, List<JsonNode> order, String mergeKey, Kind kind) {
        List<JsonNode> sortable = new ArrayList<>();
        List<JsonNode> deletions = new ArrayList<>();
        if (kind == Kind.MAP) {
            for (List<JsonNode> list : List.of(toSort, order)) {
                for (JsonNode e : list) {
                    if (!e.isObject()) {
                        throw PatchErrors.badArgType(Kind.MAP, e);
                    }
                    if (!e.has(mergeKey)) {
                        throw PatchErrors.noMergeKey(e, mergeKey);
                    }
                }
            }
            for (JsonNode e : toSort) {
                (isText(e.get(DIRECTIVE), DELETE) ? deletions : sortable).add(e);
            }
        } else {
            sortable.addAll(toSort);
        }
        Positions positions = new Positions(order, mergeKey, kind);
        int[] at = sortable.stream().mapToInt(positions::of).toArray();
        if (Arrays.stream(at).allMatch(p -> p >= 0)) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                indexes.add(i);
            }
            // List.sort is stable, like Go's sort.SliceStable
            indexes.sort(Comparator.comparingInt(i -> at[i]));
            List<JsonNode> sorted = new ArrayList<>();
            indexes.forEach(i -> sorted.add(sortable.get(i)));
            sortable.clear();
            sortable.addAll(sorted);
        } else {
            insertionSortAsGo(sortable, at);
        }
        sortable.addAll(deletions);
        return sortable;
    }

    /**
     * kube's comparator says "less" whenever either element is missing from the order list, which
     * is no ordering at all; the result is then whatever Go's insertion sort makes of it.
     */
    private static void insertionSortAsGo(List<JsonNode> list, int[] at) {
        for (int i = 1; i < list.size(); i++) {
            for (int j = i; j > 0 && (at[j] < 0 || at[j - 1] < 0 || at[j] < at[j - 1]); j--) {
                JsonNode node = list.get(j);
                list.set(j, list.get(j - 1));
                list.set(j - 1, node);
                int p = at[j];
                at[j] = at[j - 1];
                at[j - 1] = p;
            }
        }
    }

    /** Index of an element in an order list: by merge key value for maps, by value otherwise. */
    private static final class Positions {
        private final Map<Object, Integer> first = new HashMap<>();
        private final String mergeKey;
        private final Kind kind;

        Positions(List<JsonNode> order, String mergeKey, Kind kind) {
            this.mergeKey = mergeKey;
            this.kind = kind;
            for (int i = 0; i < order.size(); i++) {
                first.putIfAbsent(identity(order.get(i)), i);
            }
        }

        int of(JsonNode element) {
            return first.getOrDefault(identity(element), -1);
        }

        private Object identity(JsonNode element) {
            if (kind != Kind.MAP) {
                return GoValues.key(element);
            }
            return GoValues.key(element.isObject() ? element.get(mergeKey) : null);
        }
    }

    // ---- patch metadata

    /** The patch metadata of one field, read from its schema. */
    private record Field(String name, SchemaNode schema, String strategy, String mergeKey) {

        static Field of(SchemaNode parent, String name) {
            SchemaNode schema = parent.child(name);
            if (schema == null) {
                schema = SchemaNode.ANY;
            }
            String strategy = withoutRetainKeys(schema.patchStrategy());
            String mergeKey = schema.patchMergeKey() == null ? "" : schema.patchMergeKey();
            if (mergeKey.isEmpty()
                    && MERGE.equals(strategy)
                    && schema.listMapKeys().size() == 1) {
                mergeKey = schema.listMapKeys().getFirst();
            }
            return new Field(name, schema, strategy, mergeKey);
        }

        /** kube allows one strategy, optionally together with {@code retainKeys}. */
        private static String withoutRetainKeys(String declared) {
            if (declared == null) {
                return "";
            }
            String[] strategies = declared.split(",", -1);
            if (strategies.length == 1) {
                return RETAIN_KEYS_STRATEGY.equals(strategies[0]) ? "" : strategies[0];
            }
            if (strategies.length == 2) {
                if (RETAIN_KEYS_STRATEGY.equals(strategies[0])) {
                    return strategies[1];
                }
                if (RETAIN_KEYS_STRATEGY.equals(strategies[1])) {
                    return strategies[0];
                }
            }
            throw PatchErrors.unknown("unexpected patch strategy: [" + String.join(" ", strategies) + "]");
        }
    }

    // ---- helpers

    /** {@code $setElementOrder/containers} → {@code containers}. */
    private static String extractKey(String key, String prefix, String malformed) {
        String[] parts = key.split("/", 2);
        if (parts.length <= 1 || !parts[0].equals(prefix)) {
            throw PatchErrors.badRequest(malformed);
        }
        return parts[1];
    }

    private static void insert(ObjectNode target, String name, JsonNode value) {
        JsonNode cleaned = clean(value);
        if (cleaned == null) {
            target.remove(name);
        } else {
            target.set(name, cleaned);
        }
    }

    /**
     * A copy of a patch value fit to be stored: without {@code null} members, without maps that
     * carry a {@code $patch} directive and without directive keys; null when the value itself is
     * such a map.
     */
    private static JsonNode clean(JsonNode value) {
        if (value.isObject()) {
            if (value.has(DIRECTIVE)) {
                return null;
            }
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> members = value.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                if (member.getValue().isNull() || isDirectiveKey(member.getKey())) {
                    continue;
                }
                JsonNode cleaned = clean(member.getValue());
                if (cleaned != null) {
                    out.set(member.getKey(), cleaned);
                }
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode element : value) {
                JsonNode cleaned = element.isNull() ? element : clean(element);
                if (cleaned != null) {
                    out.add(cleaned);
                }
            }
            return out;
        }
        return value;
    }

    private static boolean isDirectiveKey(String key) {
        return key.equals(RETAIN_KEYS)
                || key.startsWith(SET_ELEMENT_ORDER + "/")
                || key.startsWith(DELETE_FROM_PRIMITIVE_LIST + "/");
    }

    private static boolean isText(JsonNode node, String text) {
        return node != null && node.isTextual() && node.asText().equals(text);
    }

    private static Set<Object> keys(List<JsonNode> values) {
        Set<Object> out = new HashSet<>();
        values.forEach(v -> out.add(GoValues.key(v)));
        return out;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    private static ArrayNode array(List<JsonNode> elements) {
        ArrayNode out = NODES.arrayNode(elements.size());
        out.addAll(elements);
        return out;
    }
}
