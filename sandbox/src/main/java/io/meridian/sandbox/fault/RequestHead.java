package io.meridian.sandbox.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of one HTTP/1.1 request as a client sent it: the exact bytes (forwarded unchanged) and just enough of their
 * meaning for the proxy to find where the request ends, whether the connection stays open after it, and whether the
 * answer will be a stream (a watch, a WebSocket) that outlives the request.
 *
 * <p>The proxy parses requests rather than counting bytes because its erroring mode must answer each request on a
 * kept-alive connection in turn, which needs the request boundaries; responses are never parsed.
 */
record RequestHead(byte[] raw, String method, String target, String version, List<String[]> headers) {

    private static final int MAX_HEAD = 1 << 20;

    /**
     * Reads one request head, or returns {@code null} when the client closed the connection before sending a byte of
     * it.
     *
     * @throws IOException on a malformed or truncated head
     */
    static RequestHead read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(512);
        int b;
        // RFC 9112 2.2: a server ought to ignore empty lines before a request line.
        while ((b = in.read()) == '\r' || b == '\n') {
            raw.write(b);
        }
        if (b < 0) {
            return null;
        }
        raw.write(b);
        int last = b; // the last four bytes, oldest in the high byte
        while (true) {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a request head");
            }
            raw.write(b);
            if (raw.size() > MAX_HEAD) {
                throw new IOException("request head larger than " + MAX_HEAD + " bytes");
            }
            last = (last << 8) | b;
            // CRLF CRLF ends the head; RFC 9112 2.2 lets a recipient accept a bare LF as a line end too.
            if (last == 0x0d0a0d0a || (last & 0xffff) == 0x0a0a) {
                break;
            }
        }
        return parse(raw.toByteArray());
    }

    static RequestHead parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1).strip();
        String[] lines = text.split("\r?\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x request line: " + lines[0]);
        }
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + lines[i]);
            }
            headers.add(new String[] {
                lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                lines[i].substring(colon + 1).strip()
            });
        }
        return new RequestHead(raw, requestLine[0], requestLine[1], requestLine[2], List.copyOf(headers));
    }

    /** Every value of a header, comma-separated lists split, lower-cased. */
    List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equals(name)) {
                for (String t : h[1].split(",")) {
                    if (!t.isBlank()) {
                        out.add(t.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    /** The body's length from {@code Content-Length}, or -1 when there is none. */
    long contentLength() throws IOException {
        for (String[] h : headers) {
            if (h[0].equals("content-length")) {
                try {
                    return Long.parseLong(h[1].strip());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length: " + h[1], e);
                }
            }
        }
        return -1;
    }

    /** Whether the body is chunked (the last transfer coding is {@code chunked}). */
    boolean chunked() {
        List<String> codings = tokens("transfer-encoding");
        return !codings.isEmpty() && codings.getLast().equals("chunked");
    }

    /** Whether the connection may carry another request after this one's answer. */
    boolean keepAlive() {
        List<String> connection = tokens("connection");
        if (version.equals("HTTP/1.0")) {
            return connection.contains("keep-alive");
        }
        return !connection.contains("close");
    }

    boolean expectsContinue() {
        return tokens("expect").contains("100-continue");
    }

    /**
     * A protocol switch (a WebSocket, SPDY for exec): after it, the connection no longer carries HTTP/1.1 requests.
     * An offer of cleartext HTTP/2 ({@code h2c}) is not one: {@link #withoutH2cOffer()} removes it.
     */
    boolean upgrade() {
        List<String> protocols = tokens("upgrade");
        return !protocols.isEmpty()
                && !protocols.equals(List.of("h2c"))
                && tokens("connection").contains("upgrade");
    }

    /**
     * This head without an {@code h2c} upgrade offer (which the JDK's HTTP client, and so fabric8's, makes on every new
     * cleartext connection): the proxy understands HTTP/1.1 only, so the server must never switch the connection to
     * HTTP/2. Declining the offer is always allowed (RFC 9110 7.8).
     */
    RequestHead withoutH2cOffer() {
        if (!tokens("upgrade").equals(List.of("h2c"))) {
            return this;
        }
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(' ')
                .append(version)
                .append("\r\n");
        List<String[]> kept = new ArrayList<>();
        for (String[] h : headers) {
            switch (h[0]) {
                case "upgrade", "http2-settings" -> {}
                case "connection" -> {
                    List<String> rest = new ArrayList<>();
                    for (String t : h[1].split(",")) {
                        String token = t.strip().toLowerCase(Locale.ROOT);
                        if (!token.isEmpty() && !token.equals("upgrade") && !token.equals("http2-settings")) {
                            rest.add(t.strip());
                        }
                    }
                    if (!rest.isEmpty()) {
                        String[] c = {"connection", String.join(", ", rest)};
                        kept.add(c);
                        head.append("Connection: ").append(c[1]).append("\r\n");
                    }
                }
                default -> {
                    kept.add(h);
                    head.append(h[0]).append(": ").append(h[1]).append("\r\n");
                }
            }
        }
        head.append("\r\n");
        return new RequestHead(
                head.toString().getBytes(StandardCharsets.ISO_8859_1), method, target, version, List.copyOf(kept));
    }

    /** Whether the answer is a stream that stays open: a watch, a followed log, a protocol switch. */
    boolean streaming() {
        if (upgrade()) {
            return true;
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        if (path.contains("/watch/") || path.endsWith("/watch")) {
            return true;
        }
        if (q >= 0) {
            for (String param : target.substring(q + 1).split("&")) {
                String p = param.toLowerCase(Locale.ROOT);
                if (p.equals("watch=true") || p.equals("watch=1") || p.equals("follow=true")) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** Copies the body after this head from {@code in} to {@code sink}, as it arrives. */
    void copyBody(InputStream in, ChunkSink sink) throws IOException, InterruptedException {
        if (chunked()) {
            copyChunked(in, sink);
            return;
        }
        long length = contentLength();
        if (length > 0) {
            copyExactly(in, length, sink);
        }
    }

    private static void copyChunked(InputStream in, ChunkSink sink) throws IOException, InterruptedException {
        while (true) {
            byte[] sizeLine = readLine(in);
            sink.accept(sizeLine);
            String size = new String(sizeLine, StandardCharsets.ISO_8859_1).strip();
            int ext = size.indexOf(';');
            if (ext >= 0) {
                size = size.substring(0, ext).strip();
            }
            long n;
            try {
                n = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + size, e);
            }
            if (n == 0) {
                // Trailer fields, then the empty line that ends the message.
                while (true) {
                    byte[] trailer = readLine(in);
                    sink.accept(trailer);
                    if (new String(trailer, StandardCharsets.ISO_8859_1).isBlank()) {
                        return;
                    }
                }
            }
            copyExactly(in, n, sink);
            sink.accept(readLine(in)); // the CRLF after the chunk's data
        }
    }

    private static void copyExactly(InputStream in, long length, ChunkSink sink)
            throws IOException, InterruptedException {
        byte[] buffer = new byte[16 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("connection closed inside a request body");
            }
            byte[] chunk = new byte[n];
            System.arraycopy(buffer, 0, chunk, 0, n);
            sink.accept(chunk);
            left -= n;
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(16);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() > 64 * 1024) {
                throw new IOException("chunk line too long");
            }
        }
        throw new IOException("connection closed inside a chunked body");
    }

    /** Where forwarded bytes go. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(byte[] chunk) throws IOException, InterruptedException;
    }
}
