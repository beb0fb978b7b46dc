package io.meridian.sandbox.etcd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few questions the launcher asks an etcd member, over its client URL: etcd 3.4 serves {@code /health} and the
 * v3 HTTP/JSON gateway there, so the sandbox needs no gRPC client.
 */
final class EtcdHttp implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    // A member without quorum holds /health until its own request timeout (seconds); the launcher polls instead.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Pattern HEALTHY = Pattern.compile("\"health\"\\s*:\\s*\"true\"");
    // The gateway writes uint64 fields as JSON strings, and leaves out a zero leader (no leader known).
    private static final Pattern MEMBER_ID = Pattern.compile("\"member_id\"\\s*:\\s*\"(\\d+)\"");
    private static final Pattern LEADER = Pattern.compile("\"leader\"\\s*:\\s*\"(\\d+)\"");

    private final HttpClient client;

    EtcdHttp() {
        // HTTP/1.1: the JDK client would otherwise ask for an h2c upgrade on every plain-HTTP request.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** What a member said about its health: its body, or why it said nothing. */
    record Health(boolean healthy, String answer) {}

    Health health(String clientUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(clientUrl + "/health"))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body().strip();
            return new Health(
                    response.statusCode() == 200 && HEALTHY.matcher(body).find(),
                    "HTTP " + response.statusCode() + " " + body);
        } catch (IOException e) {
            return new Health(false, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdRingException("interrupted while asking " + clientUrl + " for its health", e);
        }
    }

    /** A member's own id and the id of the leader it follows, from {@code POST /v3/maintenance/status}. */
    record Status(String memberId, Optional<String> leaderId) {
        boolean isLeader() {
            return leaderId.filter(memberId::equals).isPresent();
        }
    }

    Optional<Status> status(String clientUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(clientUrl + "/v3/maintenance/status"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return parseStatus(response.body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdRingException("interrupted while asking " + clientUrl + " for its status", e);
        }
    }

    static Optional<Status> parseStatus(String body) {
        Matcher member = MEMBER_ID.matcher(body);
        if (!member.find()) {
            return Optional.empty();
        }
        Matcher leader = LEADER.matcher(body);
        return Optional.of(
                new Status(member.group(1), leader.find() ? Optional.of(leader.group(1)) : Optional.empty()));
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.ipv4Loopback(), port), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
