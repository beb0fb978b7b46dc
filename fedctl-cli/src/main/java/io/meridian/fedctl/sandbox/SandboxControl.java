package io.meridian.fedctl.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.meridian.sandbox.fault.FaultMode;
import io.meridian.sandbox.member.SimulatedCluster;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The supervisor's loopback control port: {@code fedctl sandbox fail|heal} are separate processes,
 * and the fault proxies live in the supervisor, so they ask it over HTTP.
 *
 * <pre>
 * POST /fail?cluster=eu-west&amp;mode=down|slow|error|partition[&amp;latency=500ms]
 * POST /heal?cluster=eu-west
 * </pre>
 */
final class SandboxControl implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, SimulatedCluster> members;

    private SandboxControl(HttpServer server, Map<String, SimulatedCluster> members) {
        this.server = server;
        this.members = members;
    }

    static SandboxControl start(Map<String, SimulatedCluster> members, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            SandboxControl control = new SandboxControl(server, members);
            server.createContext("/fail", control::fail);
            server.createContext("/heal", control::heal);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sandbox's control port", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void fail(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        SimulatedCluster member = member(ex, q);
        if (member == null) {
            return;
        }
        FaultMode mode;
        try {
            mode = mode(q.getOrDefault("mode", "down"), q.getOrDefault("latency", "2s"));
        } catch (IllegalArgumentException e) {
            answer(ex, 400, e.getMessage());
            return;
        }
        member.fail(mode);
        answer(ex, 200, member.name() + " is now " + q.getOrDefault("mode", "down"));
    }

    private void heal(HttpExchange ex) throws IOException {
        SimulatedCluster member = member(ex, query(ex));
        if (member != null) {
            member.heal();
            answer(ex, 200, member.name() + " is healthy again");
        }
    }

    private SimulatedCluster member(HttpExchange ex, Map<String, String> q) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            answer(ex, 405, "use POST");
            return null;
        }
        SimulatedCluster member = members.get(q.getOrDefault("cluster", ""));
        if (member == null) {
            answer(
                    ex,
                    404,
                    "no member cluster \"" + q.getOrDefault("cluster", "") + "\"; the sandbox has "
                            + String.join(", ", members.keySet()));
        }
        return member;
    }

    static FaultMode mode(String mode, String latency) {
        return switch (mode) {
            case "down" -> FaultMode.DOWN;
            case "error" -> FaultMode.ERROR;
            case "partition" -> FaultMode.PARTITION;
            case "slow" -> FaultMode.slow(SandboxCommand.DurationConverter.parse(latency));
            default ->
                throw new IllegalArgumentException(
                        "unknown failure mode \"" + mode + "\": use down, slow, error or partition");
        };
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void answer(HttpExchange ex, int code, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
