package io.meridian.sandbox.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finding where requests end on a kept-alive connection, and what they say about the connection. */
class RequestHeadTest {

    @Test
    void readsConsecutiveRequestsWithSizedAndChunkedBodies() throws Exception {
        String first = "POST /api/v1/namespaces HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody";
        String second = "PATCH /apis/apps/v1/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\nab\r\n3;ext=v\r\ncde\r\n0\r\nTrailer: t\r\n\r\n";
        String third = "GET /version HTTP/1.1\r\nHost: x\r\n\r\n";
        InputStream in = stream(first + second + third);

        RequestHead h1 = RequestHead.read(in);
        assertThat(h1.method()).isEqualTo("POST");
        assertThat(h1.contentLength()).isEqualTo(4);
        assertThat(body(h1, in)).isEqualTo("body");

        RequestHead h2 = RequestHead.read(in);
        assertThat(h2.chunked()).isTrue();
        assertThat(body(h2, in)).isEqualTo("2\r\nab\r\n3;ext=v\r\ncde\r\n0\r\nTrailer: t\r\n\r\n");

        RequestHead h3 = RequestHead.read(in);
        assertThat(h3.target()).isEqualTo("/version");
        assertThat(body(h3, in)).isEmpty();
        assertThat(new String(h3.raw(), StandardCharsets.ISO_8859_1)).isEqualTo(third);

        assertThat(RequestHead.read(in)).isNull();
    }

    @Test
    void keepAliveFollowsTheVersionAndConnectionHeader() throws Exception {
        assertThat(head("GET / HTTP/1.1\r\n\r\n").keepAlive()).isTrue();
        assertThat(head("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive())
                .isFalse();
        assertThat(head("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive())
                .isTrue();
        assertThat(head("PUT / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n").expectsContinue())
                .isTrue();
    }

    @Test
    void watchesFollowedLogsAndProtocolSwitchesAreStreams() throws Exception {
        assertThat(head("GET /api/v1/pods?watch=true&resourceVersion=5 HTTP/1.1\r\n\r\n")
                        .streaming())
                .isTrue();
        assertThat(head("GET /api/v1/pods?watch=1 HTTP/1.1\r\n\r\n").streaming())
                .isTrue();
        assertThat(head("GET /api/v1/watch/namespaces/a/pods HTTP/1.1\r\n\r\n").streaming())
                .isTrue();
        assertThat(head("GET /api/v1/namespaces/a/pods/p/log?follow=true HTTP/1.1\r\n\r\n")
                        .streaming())
                .isTrue();
        assertThat(head("GET /api/v1/pods?watch=false HTTP/1.1\r\n\r\n").streaming())
                .isFalse();
        assertThat(head("GET /api/v1/pods?limit=500 HTTP/1.1\r\n\r\n").streaming())
                .isFalse();
        RequestHead ws =
                head("GET /api/v1/pods?watch=true HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
        assertThat(ws.upgrade()).isTrue();
        assertThat(ws.streaming()).isTrue();
    }

    @Test
    void anH2cOfferIsRemovedAndIsNotAProtocolSwitch() throws Exception {
        RequestHead offer = head("GET /api HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\nContent-Length: 0\r\n"
                + "Host: 127.0.0.1:1\r\nHTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\nUpgrade: h2c\r\n"
                + "User-Agent: Java-http-client/25\r\n\r\n");
        assertThat(offer.upgrade()).isFalse();

        RequestHead plain = offer.withoutH2cOffer();

        String text = new String(plain.raw(), StandardCharsets.ISO_8859_1);
        assertThat(text)
                .startsWith("GET /api HTTP/1.1\r\n")
                .endsWith("\r\n\r\n")
                .contains("host: 127.0.0.1:1\r\n")
                .doesNotContainIgnoringCase("upgrade")
                .doesNotContainIgnoringCase("http2-settings");
        assertThat(RequestHead.parse(plain.raw()).headers()).hasSize(3);
        RequestHead untouched = head("GET /api HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(untouched.withoutH2cOffer()).isSameAs(untouched);
    }

    @Test
    void malformedRequestsAreRefused() {
        assertThatThrownBy(() -> head("SSH-2.0-OpenSSH\r\n\r\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> head("GET / HTTP/1.1\r\nno colon here\r\n\r\n"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RequestHead.read(stream("GET / HTTP/1.1\r\nHost: x\r\n")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("closed inside a request head");
        assertThatThrownBy(() -> body(head("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n"), stream("short")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void errorAnswersAreKubernetesStatusesWithTheirLength() {
        String answer = new String(FaultProxy.errorResponse(503, true, false), StandardCharsets.UTF_8);
        String[] parts = answer.split("\r\n\r\n", 2);
        assertThat(parts[0])
                .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .contains("Content-Type: application/json")
                .contains("Connection: keep-alive")
                .contains("Content-Length: " + parts[1].getBytes(StandardCharsets.UTF_8).length);
        assertThat(parts[1])
                .startsWith("{\"kind\":\"Status\",\"apiVersion\":\"v1\"")
                .contains("\"reason\":\"ServiceUnavailable\"", "\"code\":503");

        String tooMany = new String(FaultProxy.errorResponse(429, false, false), StandardCharsets.UTF_8);
        assertThat(tooMany).contains("Retry-After: 1", "Connection: close", "\"reason\":\"TooManyRequests\"");

        String headOnly = new String(FaultProxy.errorResponse(504, true, true), StandardCharsets.UTF_8);
        assertThat(headOnly).startsWith("HTTP/1.1 504 Gateway Timeout").endsWith("\r\n\r\n");
        assertThatThrownBy(() -> FaultMode.error(404)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RequestHead head(String text) throws IOException {
        return RequestHead.read(stream(text));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String body(RequestHead head, InputStream in) throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head.copyBody(in, out::write);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
