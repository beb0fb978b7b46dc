package io.meridian.it.bench.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Plain HTTP to one Kubernetes-style API (the federation's or a member's), as kubectl speaks it: JSON bodies, and
 * watches as chunked streams of one event per line. No client library in between, so that a timestamp taken here is
 * the moment the bytes arrived, and the load generator costs little beside the processes it measures.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Receives each watch event and the {@link System#nanoTime()} at which it was read. */
    @FunctionalInterface
    interface EventSink {
        void event(JsonNode event, long nanos);
    }

    private final String base;
    private final HttpClient http;

    Api(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    String base() {
        return base;
    }

    /** POSTs {@code json}; returns the status code (201 created, 409 exists...). */
    int post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json, "application/json").statusCode();
    }

    /** POSTs {@code json} and fails on anything but 201 or 409 (already there). */
    void create(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", path, json, "application/json");
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IOException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /**
     * Server-side applies {@code json} to {@code path} (the object's own URL) as field manager {@code bench}, with
     * force; returns the status code (200 updated, 201 created).
     */
    int apply(String path, String json) throws IOException, InterruptedException {
        return send("PATCH", path + "?fieldManager=bench&force=true", json, "application/apply-patch+yaml")
                .statusCode();
    }

    /** GETs a JSON document; null when it is not found. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** GETs any text (metrics). */
    String text(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode());
        }
        return r.body();
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", contentType)
                        .header("Accept", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Watches {@code path} (a collection) until {@link Watch#close()}, from its current state (the server lists what
     * exists as ADDED events first), resuming from the last resourceVersion seen whenever the stream ends.
     */
    Watch watch(String path, EventSink sink) {
        Watch w = new Watch(path, sink);
        w.thread = Thread.ofVirtual().name("watch " + base + path).start(w::run);
        return w;
    }

    /** One watch stream, resumed for as long as it is open. */
    final class Watch implements AutoCloseable {
        private final String path;
        private final EventSink sink;
        private volatile boolean closed;
        private volatile Stream<String> current;
        private volatile Throwable lastError;
        private Thread thread;
        private String resourceVersion;

        private Watch(String path, EventSink sink) {
            this.path = path;
            this.sink = sink;
        }

        private void run() {
            while (!closed) {
                String query = "?watch=true&timeoutSeconds=3600"
                        + (resourceVersion == null ? "" : "&resourceVersion=" + resourceVersion);
                try {
                    HttpResponse<Stream<String>> r = http.send(
                            HttpRequest.newBuilder(URI.create(base + path + query))
                                    .header("Accept", "application/json")
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines());
                    if (r.statusCode() != 200) {
                        r.body().close();
                        throw new IOException("watch " + path + " answered " + r.statusCode());
                    }
                    current = r.body();
                    Iterator<String> lines = current.iterator();
                    while (!closed && lines.hasNext()) {
                        String line = lines.next();
                        long now = System.nanoTime();
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode event = JSON.readTree(line);
                        if ("ERROR".equals(event.path("type").asText())) {
                            // 410 Gone: the history we would resume from is gone; start again from the present.
                            resourceVersion = null;
                            continue;
                        }
                        String rv = event.path("object")
                                .path("metadata")
                                .path("resourceVersion")
                                .asText("");
                        if (!rv.isEmpty()) {
                            resourceVersion = rv;
                        }
                        sink.event(event, now);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    lastError = e;
                    if (!closed) {
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException ie) {
                            return;
                        }
                    }
                }
            }
        }

        Throwable lastError() {
            return lastError;
        }

        @Override
        public void close() {
            closed = true;
            Stream<String> s = current;
            if (s != null) {
                s.close();
            }
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
