package io.meridian.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.status.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 7386 JSON merge patch ({@code application/merge-patch+json}), with the details of the Go
 * library kube-apiserver applies it with:
 *
 * <ul>
 *   <li>objects merge recursively; a {@code null} member deletes the key;
 *   <li>any other value (arrays included) replaces what was there; {@code null}s inside a value
 *       that is added where nothing (or {@code null}, or a non-object) was are pruned from its
 *       objects, while an array or scalar replacing an object is taken as is;
 *   <li>a top-level array replaces the whole document (the caller's decode then refuses it);
 *   <li>a top-level {@code null} or scalar is refused with 400 "Invalid JSON Patch".
 * </ul>
 *
 * <p>Unknown and ANY schemas need nothing special: a merge patch is schema-blind.
 */
public final class MergePatch {

    static final String BAD_PATCH = "Invalid JSON Patch";

    private MergePatch() {}

    /**
     * Applies {@code patch} to a copy of {@code original}; neither input is modified.
     *
     * @throws ApiException 400 "Invalid JSON Patch" when the patch is neither an object nor an array
     */
    public static JsonNode apply(JsonNode original, JsonNode patch) {
        if (patch == null || !(patch.isObject() || patch.isArray())) {
            throw PatchErrors.badRequest(BAD_PATCH);
        }
        if (patch.isArray()) {
            return pruneNulls(patch.deepCopy());
        }
        if (original == null || !original.isObject()) {
            return pruneNulls(patch.deepCopy());
        }
        ObjectNode doc = original.deepCopy();
        mergeObjects(doc, (ObjectNode) patch);
        return doc;
    }

    /**
     * Parses the request body and applies it; see {@link #apply(JsonNode, JsonNode)}.
     *
     * @throws ApiException 400 "Invalid JSON Patch" when the body is not JSON
     */
    public static JsonNode apply(JsonNode original, byte[] patch) {
        PatchJson.Parsed parsed = PatchJson.read(patch);
        if (parsed.error() != null) {
            throw PatchErrors.badRequest(BAD_PATCH);
        }
        return apply(original, parsed.node());
    }

    private static void mergeObjects(ObjectNode doc, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> member : entries(patch)) {
            String key = member.getKey();
            JsonNode value = member.getValue();
            if (value.isNull()) {
                doc.remove(key);
                continue;
            }
            JsonNode current = doc.get(key);
            if (current == null || current.isNull() || !current.isObject()) {
                doc.set(key, pruneNulls(value.deepCopy()));
            } else if (!value.isObject()) {
                doc.set(key, value.deepCopy());
            } else {
                mergeObjects((ObjectNode) current, (ObjectNode) value);
            }
        }
    }

    /** Removes null members of objects, at any depth; null array elements stay. */
    static JsonNode pruneNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> nulls = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : entries(object)) {
                if (member.getValue().isNull()) {
                    nulls.add(member.getKey());
                } else {
                    pruneNulls(member.getValue());
                }
            }
            object.remove(nulls);
        } else if (node.isArray()) {
            for (JsonNode element : (ArrayNode) node) {
                pruneNulls(element);
            }
        }
        return node;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode object) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        object.fields().forEachRemaining(out::add);
        return out;
    }
}
