package io.meridian.apiserver.validation;

import io.meridian.apiserver.status.StatusCause;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds causes with kube's {@code field.Error} wording: the error type's text, the bad value as Go
 * prints it (already rendered by the caller) and the detail, each part separated by {@code ": "}.
 */
final class Causes {

    static final String FIELD_VALUE_TOO_MANY = "FieldValueTooMany";

    /** The field kube reports when a schema error has no path: Go's rendering of a nil path. */
    static final String NIL_FIELD = "<nil>";

    private Causes() {}

    static StatusCause invalid(String field, String value, String detail) {
        return new StatusCause(StatusCause.FIELD_VALUE_INVALID, body("Invalid value", value, detail), field);
    }

    static StatusCause typeInvalid(String field, String value, String detail) {
        return new StatusCause(StatusCause.FIELD_VALUE_TYPE_INVALID, body("Invalid value", value, detail), field);
    }

    static StatusCause required(String field, String detail) {
        return new StatusCause(StatusCause.FIELD_VALUE_REQUIRED, body("Required value", null, detail), field);
    }

    static StatusCause forbidden(String field, String detail) {
        return new StatusCause(StatusCause.FIELD_VALUE_FORBIDDEN, body("Forbidden", null, detail), field);
    }

    static StatusCause duplicate(String field, String value) {
        return new StatusCause(StatusCause.FIELD_VALUE_DUPLICATE, body("Duplicate value", value, null), field);
    }

    /** kube's {@code field.TooLong}: the value is never printed, the limit is counted in bytes. */
    static StatusCause tooLong(String field, long max) {
        String detail =
                max >= 0 ? "may not be more than " + max + (max == 1 ? " byte" : " bytes") : "value is too long";
        return new StatusCause(StatusCause.FIELD_VALUE_TOO_LONG, body("Too long", null, detail), field);
    }

    static StatusCause tooMany(String field, long actual, long max) {
        String detail = max >= 0 ? "must have at most " + max + (max == 1 ? " item" : " items") : "has too many items";
        return new StatusCause(
                FIELD_VALUE_TOO_MANY, body("Too many", actual >= 0 ? String.valueOf(actual) : null, detail), field);
    }

    /** {@code supported} are the allowed values as kube lists them (strings unquoted, others as JSON). */
    static StatusCause notSupported(String field, String value, List<String> supported) {
        String detail = null;
        if (!supported.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            supported.forEach(s -> quoted.add(GoFormat.quote(s)));
            detail = "supported values: " + String.join(", ", quoted);
        }
        return new StatusCause(StatusCause.FIELD_VALUE_NOT_SUPPORTED, body("Unsupported value", value, detail), field);
    }

    private static String body(String type, String value, String detail) {
        StringBuilder sb = new StringBuilder(type);
        if (value != null) {
            sb.append(": ").append(value);
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }
}
