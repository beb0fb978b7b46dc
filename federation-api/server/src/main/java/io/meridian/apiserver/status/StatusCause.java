package io.meridian.apiserver.status;

/**
 * One field-level cause in a Kubernetes {@code Status}: {@code details.causes[]}.
 *
 * @param reason machine-readable reason, for example {@code FieldValueInvalid}
 * @param message human-readable description, in the wording kube-apiserver uses
 * @param field JSON path of the field, for example {@code spec.replicas}
 */
public record StatusCause(String reason, String message, String field) {

    public static final String FIELD_VALUE_INVALID = "FieldValueInvalid";
    public static final String FIELD_VALUE_REQUIRED = "FieldValueRequired";
    public static final String FIELD_VALUE_NOT_SUPPORTED = "FieldValueNotSupported";
    public static final String FIELD_VALUE_DUPLICATE = "FieldValueDuplicate";
    public static final String FIELD_VALUE_FORBIDDEN = "FieldValueForbidden";
    public static final String FIELD_VALUE_TOO_LONG = "FieldValueTooLong";
    public static final String FIELD_VALUE_TYPE_INVALID = "FieldValueTypeInvalid";
    public static final String UNKNOWN_FIELD = "FieldValueUnknown";
    public static final String FIELD_MANAGER_CONFLICT = "FieldManagerConflict";

    public static StatusCause invalid(String field, Object value, String detail) {
        return new StatusCause(FIELD_VALUE_INVALID, "Invalid value: " + quote(value) + ": " + detail, field);
    }

    public static StatusCause required(String field) {
        return new StatusCause(FIELD_VALUE_REQUIRED, "Required value", field);
    }

    public static StatusCause notSupported(String field, Object value, Iterable<?> supported) {
        StringBuilder sb = new StringBuilder("Unsupported value: ").append(quote(value));
        StringBuilder values = new StringBuilder();
        for (Object s : supported) {
            values.append(values.isEmpty() ? "" : ", ").append(quote(s));
        }
        if (!values.isEmpty()) {
            sb.append(": supported values: ").append(values);
        }
        return new StatusCause(FIELD_VALUE_NOT_SUPPORTED, sb.toString(), field);
    }

    public static StatusCause unknownField(String field) {
        return new StatusCause(UNKNOWN_FIELD, "unknown field \"" + field + "\"", field);
    }

    /** Message line as kube-apiserver prints it inside an Invalid status message. */
    public String describe() {
        return field == null || field.isEmpty() ? message : field + ": " + message;
    }

    private static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence) {
            return "\"" + value + "\"";
        }
        return String.valueOf(value);
    }
}
