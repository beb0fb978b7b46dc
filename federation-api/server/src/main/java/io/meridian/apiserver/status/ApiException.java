package io.meridian.apiserver.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request the API server refuses, carrying everything needed for the Kubernetes {@code Status}
 * body it is answered with. Thrown by the request path; translated into HTTP in exactly one place.
 */
public final class ApiException extends RuntimeException {

    private final int code;
    private final String reason;
    private final String group;
    private final String kind;
    private final String name;
    private final List<StatusCause> causes;
    private final Integer retryAfterSeconds;

    private ApiException(
            int code,
            String reason,
            String message,
            String group,
            String kind,
            String name,
            List<StatusCause> causes,
            Integer retryAfterSeconds,
            Throwable cause) {
        super(message, cause);
        this.code = code;
        this.reason = reason;
        this.group = group;
        this.kind = kind;
        this.name = name;
        this.causes = causes == null ? List.of() : List.copyOf(causes);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException of(int code, String reason, String message) {
        return new ApiException(code, reason, message, null, null, null, null, null, null);
    }

    public static ApiException badRequest(String message) {
        return of(400, "BadRequest", message);
    }

    public static ApiException badRequest(String message, Throwable cause) {
        return new ApiException(400, "BadRequest", message, null, null, null, null, null, cause);
    }

    public static ApiException notFound(String group, String resource, String name) {
        String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
        return new ApiException(
                404,
                "NotFound",
                qualified + (name == null ? "" : " \"" + name + "\"") + " not found",
                group,
                resource,
                name,
                null,
                null,
                null);
    }

    public static ApiException notFound(String message) {
        return of(404, "NotFound", message);
    }

    public static ApiException alreadyExists(String group, String resource, String name) {
        String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
        return new ApiException(
                409,
                "AlreadyExists",
                qualified + " \"" + name + "\" already exists",
                group,
                resource,
                name,
                null,
                null,
                null);
    }

    /** The optimistic-concurrency failure every Kubernetes client knows how to retry. */
    public static ApiException conflict(String group, String resource, String name, String detail) {
        String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
        return new ApiException(
                409,
                "Conflict",
                "Operation cannot be fulfilled on " + qualified + " \"" + name + "\": " + detail,
                group,
                resource,
                name,
                null,
                null,
                null);
    }

    public static ApiException conflict(String message, List<StatusCause> causes) {
        return new ApiException(409, "Conflict", message, null, null, null, causes, null, null);
    }

    /** 422: the object is well-formed but does not validate. */
    public static ApiException invalid(String group, String kind, String name, List<StatusCause> causes) {
        String qualified = group == null || group.isEmpty() ? kind : kind + "." + group;
        String list = causes.stream().map(StatusCause::describe).collect(Collectors.joining(", "));
        String message = qualified + " \"" + (name == null ? "" : name) + "\" is invalid: "
                + (causes.size() == 1 ? list : "[" + list + "]");
        return new ApiException(422, "Invalid", message, group, kind, name, causes, null, null);
    }

    public static ApiException gone(String message) {
        return of(410, "Expired", message);
    }

    public static ApiException methodNotAllowed(String message) {
        return of(405, "MethodNotAllowed", message);
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return of(415, "UnsupportedMediaType", "the body of the request was in an unknown format: " + contentType);
    }

    public static ApiException tooLarge(String message) {
        return of(413, "RequestEntityTooLarge", message);
    }

    public static ApiException forbidden(String message) {
        return of(403, "Forbidden", message);
    }

    public static ApiException unavailable(String message, Throwable cause) {
        return new ApiException(503, "ServiceUnavailable", message, null, null, null, null, 1, cause);
    }

    public static ApiException timeout(String message, Throwable cause) {
        return new ApiException(504, "Timeout", message, null, null, null, null, 1, cause);
    }

    public static ApiException internal(String message, Throwable cause) {
        return new ApiException(500, "InternalError", message, null, null, null, null, null, cause);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public List<StatusCause> causes() {
        return causes;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The {@code meta.k8s.io/v1 Status} body for this failure. */
    public ObjectNode toStatus() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode status = f.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", getMessage());
        status.put("reason", reason);
        if (name != null || kind != null || !causes.isEmpty() || retryAfterSeconds != null) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (group != null && !group.isEmpty()) {
                details.put("group", group);
            }
            if (kind != null) {
                details.put("kind", kind);
            }
            if (!causes.isEmpty()) {
                ArrayNode list = details.putArray("causes");
                for (StatusCause c : causes) {
                    ObjectNode n = list.addObject();
                    n.put("reason", c.reason());
                    n.put("message", c.message());
                    if (c.field() != null) {
                        n.put("field", c.field());
                    }
                }
            }
            if (retryAfterSeconds != null) {
                details.put("retryAfterSeconds", retryAfterSeconds);
            }
        }
        status.put("code", code);
        return status;
    }
}
