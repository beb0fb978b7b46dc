package io.meridian.it.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One watch as kubectl's {@code get -w} does it: a plain HTTP/1.1 GET whose chunked response carries one JSON event
 * per line. Written against the socket rather than an HTTP client so that a thousand of them cost a thousand virtual
 * threads and nothing else, and the time of arrival is taken the moment the bytes are read.
 */
final class WatchStream implements AutoCloseable {

    /** Receives every complete event line with the {@link System#nanoTime()} at which its last byte was read. */
    @FunctionalInterface
    interface LineSink {
        void line(byte[] buf, int from, int to, long receivedNanos);
    }

    private final Socket socket = new Socket();
    private InputStream in;

    /** Connects, sends the request and reads the response head; throws unless it is a 200 with a chunked body. */
    void open(String host, int port, String pathAndQuery) throws IOException {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nAccept: application/json\r\nUser-Agent: meridian-benchmark\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new BufferedInputStream(socket.getInputStream(), 16384);
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("watch " + pathAndQuery + " answered: " + status);
        }
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            String h = header.toLowerCase(Locale.ROOT);
            if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            throw new IOException("watch " + pathAndQuery + " did not answer with a chunked stream");
        }
    }

    /** Reads events until the server ends the stream or the socket is closed. */
    void pump(LineSink sink) throws IOException {
        pump(in, sink);
    }

    /** Decodes a chunked body into lines, whatever the chunk boundaries, until its last chunk. */
    static void pump(InputStream in, LineSink sink) throws IOException {
        byte[] pending = new byte[4096];
        int pendingLength = 0;
        while (true) {
            String sizeLine = readLine(in);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                return;
            }
            int at = pendingLength;
            if (pendingLength + size > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pendingLength + size, pending.length * 2));
            }
            int read = in.readNBytes(pending, pendingLength, size);
            if (read < size) {
                throw new EOFException("watch stream ended inside a chunk");
            }
            long now = System.nanoTime();
            pendingLength += size;
            readLine(in); // the CRLF closing the chunk
            int lineStart = 0;
            for (int i = at; i < pendingLength; i++) {
                if (pending[i] == '\n') {
                    sink.line(pending, lineStart, i, now);
                    lineStart = i + 1;
                }
            }
            System.arraycopy(pending, lineStart, pending, 0, pendingLength - lineStart);
            pendingLength -= lineStart;
        }
    }

    private String readLine() throws IOException {
        return readLine(in);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
        throw new EOFException("watch stream closed");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is already gone
        }
    }
}
