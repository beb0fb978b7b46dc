package io.meridian.it.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The few Kubernetes REST calls the benchmark makes, over {@code java.net.http} with HTTP/1.1 keep-alive: one
 * connection per request in flight, reused afterwards. {@code clients} separate {@link HttpClient}s (each with its own
 * selector thread) share the load so that one selector is never the limit.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final List<HttpClient> clients = new ArrayList<>();

    ApiClient(String base, int clients) {
        this.base = base;
        for (int i = 0; i < clients; i++) {
            this.clients.add(HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build());
        }
    }

    String base() {
        return base;
    }

    /** POSTs {@code body} and returns the response body; throws unless the answer is 201 Created. */
    byte[] create(int client, String path, byte[] body) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(
                client,
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());
        if (r.statusCode() != 201) {
            throw new IOException("POST " + path + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
        }
        return r.body();
    }

    /** GETs {@code path}, returning the body; throws unless the answer is 200. */
    byte[] get(String path) throws IOException, InterruptedException {
        return get(path, "application/json");
    }

    /** GETs {@code path} accepting {@code accept}, returning the body; throws unless the answer is 200. */
    byte[] get(String path, String accept) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(
                0,
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(TIMEOUT)
                        .header("Accept", accept)
                        .GET()
                        .build());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
        }
        return r.body();
    }

    /** The status code of a GET, for readiness polls. */
    int status(String path) throws IOException, InterruptedException {
        return send(
                        0,
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(TIMEOUT)
                                .GET()
                                .build())
                .statusCode();
    }

    private HttpResponse<byte[]> send(int client, HttpRequest request) throws IOException, InterruptedException {
        return clients.get(client % clients.size()).send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A namespace, as JSON. */
    static byte[] namespace(String name) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A small ConfigMap (about 200 bytes of JSON as sent) with the given annotations. */
    static byte[] configMap(String name, Map<String, String> annotations) {
        String ann = annotations.isEmpty()
                ? ""
                : ",\"annotations\":{"
                        + annotations.entrySet().stream()
                                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                                .collect(Collectors.joining(","))
                        + "}";
        return ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                        + "\",\"labels\":{\"app\":\"benchmark\"}" + ann
                        + "},\"data\":{\"greeting\":\"hello from the benchmark\",\"size\":\"small\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The number of entries in a list's {@code items}, counted by streaming (a 10,000-item list is megabytes). */
    static int countItems(byte[] list) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(list)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a list must be a JSON object");
            }
            int count = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("items") && p.currentToken() == JsonToken.START_ARRAY) {
                    count = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                        count++;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (count < 0) {
                throw new IOException("the list has no items array");
            }
            return count;
        }
    }

    /**
     * {@code metadata.<field>} of a list or object, or null. Streams up to the metadata and stops there: a list's
     * metadata comes before its items, so reading a page's continue token costs next to nothing.
     */
    static String metadata(byte[] body, String field) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("metadata")) {
                    JsonNode value = ((JsonNode) p.readValueAsTree()).path(field);
                    return value.isMissingNode() || value.isNull() ? null : value.asText();
                }
                p.skipChildren();
            }
            return null;
        }
    }

    private static String abbreviate(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
