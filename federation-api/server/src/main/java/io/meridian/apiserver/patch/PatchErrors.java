package io.meridian.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.apiserver.status.ApiException;

/**
 * The refusals of the patch engines, worded and coded as kube-apiserver answers them. kube maps
 * only a handful of {@code mergepatch} sentinel errors to 400/422; every other failure of the
 * strategic merge code reaches the client as a plain Go error, which the API server turns into a
 * 500 with an empty reason and the error text as message.
 */
final class PatchErrors {

    /** What {@code NewGenericServerResponse(422, ...)} says whatever the underlying error. */
    static final String REJECTED = "the server rejected our request due to an error in our request";

    static final String BAD_JSON_DOC = "invalid JSON document";
    static final String BAD_PRIMITIVE_LIST = "invalid patch format of primitive list";
    static final String BAD_RETAIN_KEYS = "invalid patch format of retainKeys";
    static final String BAD_SET_ELEMENT_ORDER = "invalid patch format of setElementOrder list";
    static final String NO_LIST_OF_LISTS = "lists of lists are not supported";

    /** kube's {@code StatusReasonUnknown}, the empty string. */
    private static final String REASON_UNKNOWN = "";

    private PatchErrors() {}

    static ApiException badRequest(String message) {
        return ApiException.badRequest(message);
    }

    /** 422 Invalid with kube's generic message: the underlying cause is not disclosed. */
    static ApiException rejected() {
        return ApiException.of(422, "Invalid", REJECTED);
    }

    /** A plain error inside the patch machinery: 500, empty reason, message as is. */
    static ApiException unknown(String message) {
        return ApiException.of(500, REASON_UNKNOWN, message);
    }

    static ApiException noMergeKey(JsonNode map, String mergeKey) {
        return unknown("map: " + GoValues.v(map) + " does not contain declared merge key: " + mergeKey);
    }

    static ApiException badArgType(GoValues.Kind expected, JsonNode actual) {
        return unknown("expected a " + expected.goType() + ", but received a "
                + GoValues.kind(actual).goType());
    }

    static ApiException badPatchType(JsonNode directive, JsonNode map) {
        return unknown("unknown patch type: " + GoValues.s(directive) + " in map: " + GoValues.v(map));
    }

    /** What {@code json.Unmarshal} says when the body is valid JSON of the wrong shape. */
    static ApiException cannotUnmarshal(JsonNode value, String goType) {
        return badRequest("json: cannot unmarshal " + jsonType(value) + " into Go value of type " + goType);
    }

    private static String jsonType(JsonNode value) {
        return switch (GoValues.kind(value)) {
            case MAP -> "object";
            case SLICE -> "array";
            case STRING -> "string";
            case INT, FLOAT -> "number";
            case BOOL -> "bool";
            case NIL -> "null";
        };
    }
}
