package io.meridian.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.meridian.apiserver.status.ApiException;
import java.util.EnumSet;

/**
 * RFC 6902 JSON patch ({@code application/json-patch+json}), applied with fabric8's zjsonpatch and
 * answered as kube-apiserver answers it:
 *
 * <ul>
 *   <li>a body that is not a JSON array of objects: 400 with Go's unmarshal message;
 *   <li>more than {@value #MAX_OPERATIONS} operations: 413;
 *   <li>any operation that cannot be applied (failed {@code test}, missing path, unknown
 *       {@code op}, missing {@code path}...): 422 Invalid with kube's generic "the server rejected
 *       our request due to an error in our request" — kube does not disclose which operation
 *       failed, and neither do we.
 * </ul>
 *
 * <p>zjsonpatch is set to behave as the json-patch library kube uses: an {@code add} without
 * {@code value} adds {@code null}, and removing a missing member fails. Not reproduced: kube's
 * negative array indices ({@code /a/-1}) and its passing {@code test} of a missing member against
 * {@code null}; both fail here with the same 422.
 */
public final class JsonPatches {

    /** kube's {@code maxJSONPatchOperations}. */
    public static final int MAX_OPERATIONS = 10_000;

    private static final EnumSet<CompatibilityFlags> FLAGS =
            EnumSet.of(CompatibilityFlags.MISSING_VALUES_AS_NULLS, CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    private JsonPatches() {}

    /**
     * Applies {@code patch} (a JSON array of operations) to a copy of {@code original}; neither
     * input is modified. The result may be any JSON value (a patch can replace the whole document).
     *
     * @throws ApiException 400, 413 or 422 as described on the class
     */
    public static JsonNode apply(JsonNode original, JsonNode patch) {
        if (patch == null || patch.isNull() || patch.isMissingNode()) {
            // Go decodes a null body into an empty list of operations
            return original.deepCopy();
        }
        if (!patch.isArray()) {
            throw PatchErrors.cannotUnmarshal(patch, "jsonpatch.Patch");
        }
        for (JsonNode operation : patch) {
            if (!operation.isObject() && !operation.isNull()) {
                throw PatchErrors.cannotUnmarshal(operation, "jsonpatch.Operation");
            }
        }
        if (patch.size() > MAX_OPERATIONS) {
            throw ApiException.tooLarge("Request entity too large: The allowed maximum operations in a JSON patch is "
                    + MAX_OPERATIONS + ", got " + patch.size());
        }
        try {
            return JsonPatch.apply(patch, original, FLAGS);
        } catch (JsonPatchException | IllegalArgumentException | IllegalStateException e) {
            // zjsonpatch signals a bad pointer with IllegalArgumentException and an index into an
            // object with IllegalStateException; to kube all of them are a failed application.
            throw PatchErrors.rejected();
        }
    }

    /**
     * Parses the request body and applies it; see {@link #apply(JsonNode, JsonNode)}.
     *
     * @throws ApiException 400 with the parser's message when the body is not JSON
     */
    public static JsonNode apply(JsonNode original, byte[] patch) {
        PatchJson.Parsed parsed = PatchJson.read(patch);
        if (parsed.error() != null) {
            throw PatchErrors.badRequest(parsed.error());
        }
        return apply(original, parsed.node());
    }
}
