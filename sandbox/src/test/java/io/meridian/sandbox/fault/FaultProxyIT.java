package io.meridian.sandbox.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault mode as a client sees it, with the JDK's HTTP client and raw sockets against a small HTTP server behind
 * the proxy: refused, late, 503 with a Kubernetes Status, silent; and healthy again after healing.
 */
class FaultProxyIT {

    private HttpServer upstream;
    private FaultProxy proxy;
    private HttpClient http;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/hello", ex -> respond(ex, 200, "hello " + served.incrementAndGet()));
        upstream.createContext("/echo", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            respond(ex, 200, "got " + body.length + " bytes: " + new String(body, StandardCharsets.UTF_8));
        });
        upstream.createContext("/stream", ex -> {
            // A watch: a chunked answer that never ends on its own.
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                for (int i = 0; ; i++) {
                    out.write(("{\"type\":\"BOOKMARK\",\"n\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                ex.close();
            }
        });
        upstream.start();
        proxy = FaultProxy.start("test", upstream.getAddress().getPort());
        // HTTP/2 preferred, as by default (and in fabric8): the client offers h2c on each new connection.
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.stop(0);
        http.close();
    }

    @Test
    void healthyPassesRequestsAndCountsThem() throws Exception {
        HttpResponse<String> r = get("/hello", Duration.ofSeconds(5));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello 1");
        assertThat(proxy.connectionsAccepted()).isEqualTo(1);
        assertThat(proxy.requests()).isEqualTo(1);
        assertThat(proxy.errorAnswers()).isZero();
    }

    @Test
    void requestBodiesPassWhetherSizedOrChunked() throws Exception {
        HttpResponse<String> sized = http.send(
                HttpRequest.newBuilder(URI.create(proxy.url() + "/echo"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sized.body()).isEqualTo("got 7 bytes: {\"a\":1}");

        try (Socket s = connect()) {
            send(
                    s,
                    "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n");
            assertThat(readResponse(s.getInputStream()))
                    .startsWith("HTTP/1.1 200")
                    .endsWith("got 7 bytes: abcdefg");
        }
    }

    @Test
    void downRefusesConnectionsAndCutsOpenOnesUntilHealed() throws Exception {
        try (Socket open = connect()) {
            send(open, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(readResponse(open.getInputStream())).startsWith("HTTP/1.1 200");

            proxy.mode(FaultMode.DOWN);

            assertThatThrownBy(() -> get("/hello", Duration.ofSeconds(5))).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> new Socket("127.0.0.1", proxy.port()).close())
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("refused");
            open.setSoTimeout(5_000);
            assertThat(readToEnd(open.getInputStream())).isEmpty();
        }

        proxy.heal();
        assertThat(get("/hello", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
    }

    @Test
    void slowDelaysEachWayByTheLatency() throws Exception {
        Duration latency = Duration.ofMillis(400);
        get("/hello", Duration.ofSeconds(5)); // warm up the connection pool and the server
        proxy.mode(FaultMode.slow(latency));

        long start = System.nanoTime();
        HttpResponse<String> r = get("/hello", Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.statusCode()).isEqualTo(200);
        // The request and the answer are each held back by the latency.
        assertThat(took).isGreaterThanOrEqualTo(latency.multipliedBy(2));

        proxy.heal();
        long healedStart = System.nanoTime();
        assertThat(get("/hello", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - healedStart)).isLessThan(latency.multipliedBy(2));
    }

    @Test
    void errorAnswersEveryRequestWithAKubernetesStatus() throws Exception {
        proxy.mode(FaultMode.ERROR);

        HttpResponse<String> r = get("/hello", Duration.ofSeconds(5));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body())
                .contains("\"kind\":\"Status\"")
                .contains("\"status\":\"Failure\"")
                .contains("\"reason\":\"ServiceUnavailable\"")
                .contains("\"code\":503");
        assertThat(served).hasValue(0);
        assertThat(proxy.errorAnswers()).isEqualTo(1);

        proxy.mode(FaultMode.error(500));
        HttpResponse<String> internal = get("/hello", Duration.ofSeconds(5));
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.body()).contains("\"reason\":\"InternalError\"");
    }

    @Test
    void errorKeepsConnectionsAliveAndHealingSendsTheNextRequestThrough() throws Exception {
        proxy.mode(FaultMode.ERROR);
        try (Socket s = connect()) {
            InputStream in = s.getInputStream();
            send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 503").contains("Connection: keep-alive");
            send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 503");

            proxy.heal();

            send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200").endsWith("hello 1");
        }
        assertThat(proxy.connectionsAccepted()).isEqualTo(1);
        assertThat(proxy.requests()).isEqualTo(3);
    }

    @Test
    void errorClosesTheConnectionWhenTheClientAsksTo() throws Exception {
        proxy.mode(FaultMode.ERROR);
        try (Socket s = connect()) {
            send(s, "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String answer = new String(readToEnd(s.getInputStream()), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 503").contains("Connection: close");
        }
    }

    @Test
    void errorCutsRunningStreamsSoThatClientsMeetTheError() throws Exception {
        try (Socket s = connect()) {
            s.setSoTimeout(5_000);
            send(s, "GET /stream?watch=true HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            assertThat(readUntil(in, "BOOKMARK")).contains("200");

            proxy.mode(FaultMode.ERROR);

            // The stream ends (EOF) instead of going on.
            await().atMost(Duration.ofSeconds(5)).until(() -> in.read() < 0);
        }
        assertThat(get("/hello", Duration.ofSeconds(5)).statusCode()).isEqualTo(503);
    }

    @Test
    void partitionAcceptsButNeverAnswersNorCloses() throws Exception {
        proxy.mode(FaultMode.PARTITION);

        assertThatThrownBy(() -> get("/hello", Duration.ofMillis(700))).isInstanceOf(HttpTimeoutException.class);

        try (Socket s = connect()) {
            s.setSoTimeout(700);
            send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            // A read times out: neither an answer nor a close arrives.
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            proxy.heal();

            // Held bytes flow again, as TCP would retransmit them.
            s.setSoTimeout(5_000);
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200");
        }
        assertThat(get("/hello", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
    }

    @Test
    void closeCutsEverything() throws Exception {
        try (Socket s = connect()) {
            s.setSoTimeout(5_000);
            send(s, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            readUntil(s.getInputStream(), "BOOKMARK");
            proxy.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.getInputStream().read() < 0);
        }
        assertThat(proxy.openConnections()).isZero();
        assertThatThrownBy(() -> connect().close()).isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(proxy.url() + path))
                        .timeout(timeout)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Socket connect() throws IOException {
        return new Socket("127.0.0.1", proxy.port());
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** One response with a Content-Length body (what both the test server and the proxy send here). */
    private static String readResponse(InputStream in) throws IOException {
        String head = readUntil(in, "\r\n\r\n");
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before '" + marker + "': " + out);
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readToEnd(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0]; // a reset is a cut too
        }
    }

    private static void respond(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
