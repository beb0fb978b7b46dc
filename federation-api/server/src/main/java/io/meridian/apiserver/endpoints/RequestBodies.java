package io.meridian.apiserver.endpoints;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.apiserver.protobuf.KubeProtobuf;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading request bodies: size limits, content types, and kube's messages for bad input. */
final class RequestBodies {

    /** kube-apiserver's limit on a request body. */
    static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    private RequestBodies() {}

    static byte[] read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("Request entity too large: limit is " + MAX_BODY_BYTES);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buf = new byte[16384];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_BODY_BYTES) {
                    throw ApiException.tooLarge("Request entity too large: limit is " + MAX_BODY_BYTES);
                }
            }
        }
        return out.toByteArray();
    }

    /** The media type without parameters, lower case; JSON when absent. */
    static String mediaType(HttpServletRequest request) {
        String ct = request.getContentType();
        if (ct == null || ct.isBlank()) {
            return "application/json";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    static boolean isYaml(String mediaType) {
        return mediaType.equals("application/yaml")
                || mediaType.equals("application/x-yaml")
                || mediaType.equals("text/yaml")
                || mediaType.equals("application/apply-patch+yaml");
    }

    static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** A parsed body with the duplicate fields it contained (kube reports them under Strict). */
    record Parsed(JsonNode node, List<String> duplicates) {}

    /**
     * A body that must be one object of {@code target}: besides JSON and YAML, kube's protobuf
     * encoding for native kinds (custom resources have no protobuf form, as in kube-apiserver).
     */
    static Parsed parseObject(byte[] body, String mediaType, ResourceType target, boolean nativeKind) {
        if (!KubeProtobuf.isProtobuf(mediaType)) {
            return parse(body, mediaType);
        }
        if (!nativeKind) {
            throw ApiException.unsupportedMediaType(mediaType + " (" + target.groupResource()
                    + " are custom resources: send them as application/json or application/yaml)");
        }
        if (body.length == 0) {
            throw ApiException.badRequest("the body of the request was empty");
        }
        return new Parsed(KubeProtobuf.decode(body, target.gvk(), target.schema()), List.of());
    }

    static Parsed parse(byte[] body, String mediaType) {
        if (body.length == 0) {
            throw ApiException.badRequest("the body of the request was empty");
        }
        if (isYaml(mediaType)) {
            try {
                JsonNode node = Json.YAML.readTree(body);
                if (node == null || node.isMissingNode()) {
                    throw ApiException.badRequest("the body of the request was empty");
                }
                return new Parsed(node, List.of());
            } catch (IOException e) {
                throw ApiException.badRequest("error converting YAML to JSON: " + firstLine(e.getMessage()));
            }
        }
        if (!isJson(mediaType)) {
            throw ApiException.unsupportedMediaType(mediaType);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the body of the request was empty");
            }
            return new Parsed(node, duplicates(body));
        } catch (JsonParseException e) {
            throw ApiException.badRequest("json: " + describe(e));
        } catch (StreamReadException e) {
            throw ApiException.badRequest("json: " + describe(e));
        } catch (IOException e) {
            throw ApiException.badRequest("couldn't read the request body: " + firstLine(e.getMessage()));
        }
    }

    /** Paths of keys that occur twice in one JSON object, as {@code duplicate field "spec.replicas"}. */
    private static List<String> duplicates(byte[] body) throws IOException {
        List<String> found = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            walk(p, p.nextToken(), "", found);
        }
        return found;
    }

    private static void walk(JsonParser p, JsonToken t, String path, List<String> found) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String child = path.isEmpty() ? name : path + "." + name;
                if (!seen.add(name)) {
                    found.add(child);
                }
                walk(p, p.nextToken(), child, found);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            JsonToken next;
            while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                walk(p, next, path + "[" + i++ + "]", found);
            }
        }
    }

    private static String describe(StreamReadException e) {
        String msg = firstLine(e.getOriginalMessage());
        if (e.getLocation() != null) {
            return "cannot parse the body: " + msg + " at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
        }
        return "cannot parse the body: " + msg;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
