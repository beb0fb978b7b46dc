package io.meridian.sandbox.fault;

import io.meridian.sandbox.etcd.FreePorts;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP proxy in front of one server (a member cluster's API server) that fails on command, as a
 * {@link FaultMode} says. Clients are given the proxy's URL; the real server stays reachable directly for assertions.
 *
 * <p>Why a TCP proxy and not a switch inside the server: the faults that matter to a federation are those of the
 * network and of a whole remote cluster, and they must look to the client exactly as they would for real — a refused
 * connect, bytes that arrive late, an error answer from something in front of the server, or a connection that just
 * hangs. Only a separate process-level hop can produce all four, and it works for any client (fabric8, kubectl).
 *
 * <p>How each mode works:
 *
 * <ul>
 *   <li>Each accepted connection gets virtual threads: one reads the client's requests, one writes to the server, one
 *       reads the server's answers, one writes them to the client. Readers stamp each chunk with the time it was read;
 *       writers release it when the current mode allows: at once when healthy, {@code latency} after it was read when
 *       slow, never while partitioned (bytes are held, as TCP would retransmit them, and flow again after healing).
 *       Mode changes apply to open connections at once.
 *   <li>DOWN closes the listening socket (so connecting is refused, not timed out) and cuts every connection; leaving
 *       DOWN listens on the same port again.
 *   <li>ERROR answers requests itself, one at a time, parsing just enough HTTP/1.1 to find where each request ends
 *       and honouring keep-alive. Entering ERROR cuts connections whose answer is a stream (watches, WebSockets) so
 *       that the client's re-list meets the error; a plain request already in flight completes. Leaving ERROR, a
 *       kept-alive connection sends its next request to the server, so healing costs clients no failed request.
 * </ul>
 *
 * <p>Requests are HTTP/1.1 (protocol switches such as WebSocket are passed through as raw bytes after the request);
 * the cleartext HTTP/2 upgrade the JDK's client offers is removed from requests so that the server never switches.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);
    private static final InetAddress LOOPBACK = loopback();
    // Bounded: a partitioned connection stops reading once this many chunks wait, as a full TCP window would.
    private static final int QUEUE_CHUNKS = 256;
    private static final byte[] EOF = new byte[0];

    private final String name;
    private final InetSocketAddress upstream;
    private final int port;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition modeChanged = lock.newCondition();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errorAnswers = new AtomicLong();
    private volatile FaultMode mode = FaultMode.HEALTHY;
    private ServerSocket listener;
    private boolean closed;

    private FaultProxy(String name, InetSocketAddress upstream, int port) {
        this.name = name;
        this.upstream = upstream;
        this.port = port;
    }

    /** A proxy on a free loopback port forwarding to {@code 127.0.0.1:upstreamPort}, listening and healthy. */
    public static FaultProxy start(String name, int upstreamPort) {
        return start(name, new InetSocketAddress(LOOPBACK, upstreamPort), FreePorts.next());
    }

    /** A proxy on {@code port} forwarding to {@code upstream}, listening and healthy. */
    public static FaultProxy start(String name, InetSocketAddress upstream, int port) {
        FaultProxy proxy = new FaultProxy(name, upstream, port);
        proxy.lock.lock();
        try {
            proxy.listen();
        } finally {
            proxy.lock.unlock();
        }
        return proxy;
    }

    /** The port clients connect to. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public FaultMode mode() {
        return mode;
    }

    /** Switches to {@code next}; open connections follow at once (see the class comment). */
    public void mode(FaultMode next) {
        Objects.requireNonNull(next, "mode");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("proxy " + name + " is closed");
            }
            FaultMode previous = mode;
            mode = next;
            modeChanged.signalAll();
            if (next instanceof FaultMode.Down) {
                closeListener();
                connections.forEach(Connection::cut);
            } else if (listener == null) {
                listen();
            }
            if (next instanceof FaultMode.Erroring && !(previous instanceof FaultMode.Erroring)) {
                connections.stream().filter(c -> c.streaming).forEach(Connection::cut);
            }
            if (!previous.equals(next)) {
                log.info("proxy {} on port {}: {} -> {}", name, port, previous, next);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Back to {@link FaultMode#HEALTHY}. */
    public void heal() {
        mode(FaultMode.HEALTHY);
    }

    /** Connections accepted since start. */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return connections.size();
    }

    /** HTTP requests read from clients since start, whether forwarded or answered by the proxy. */
    public long requests() {
        return requests.get();
    }

    /** Requests the proxy answered itself with an error in ERROR mode. */
    public long errorAnswers() {
        return errorAnswers.get();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeListener();
            connections.forEach(Connection::cut);
            modeChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            // Rebinding after DOWN must not wait for connections in TIME_WAIT.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 128);
            listener = socket;
            Thread.ofVirtual().name("fault-proxy-" + name + "-accept").start(() -> acceptLoop(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("proxy " + name + " cannot listen on port " + port, e);
        }
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException e) {
                log.debug("closing the listener of proxy {}", name, e);
            }
            listener = null;
        }
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed: DOWN or close()
            }
            accepted.incrementAndGet();
            try {
                client.setTcpNoDelay(true); // small answers must not wait for Nagle's algorithm
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            Connection c = new Connection(client);
            lock.lock();
            try {
                if (listener != socket) {
                    c.cut(); // went DOWN between accept and here
                    continue;
                }
                connections.add(c);
            } finally {
                lock.unlock();
            }
            c.start();
        }
    }

    /** Blocks until the current mode lets a chunk read at {@code readAt} (System.nanoTime) through. */
    private void awaitRelease(long readAt, Connection c) throws InterruptedException {
        lock.lock();
        try {
            while (!c.cut.get()) {
                FaultMode m = mode;
                if (m instanceof FaultMode.Partitioned) {
                    modeChanged.await();
                    continue;
                }
                long latency = m instanceof FaultMode.Slow s ? s.latency().toNanos() : 0;
                long wait = readAt + latency - System.nanoTime();
                if (wait <= 0) {
                    return;
                }
                modeChanged.awaitNanos(wait);
            }
            throw new InterruptedException("connection cut");
        } finally {
            lock.unlock();
        }
    }

    private record Chunk(byte[] bytes, long readAt) {}

    /** One client connection and, once a request is forwarded, its connection to the server. */
    private final class Connection {
        private final Socket client;
        private final BlockingQueue<Chunk> toServer = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
        private final BlockingQueue<Chunk> toClient = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
        private final AtomicBoolean cut = new AtomicBoolean();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private volatile Socket server;
        private volatile boolean streaming;

        Connection(Socket client) {
            this.client = client;
        }

        void start() {
            spawn("client-reader", this::readClient);
            spawn("client-writer", () -> write(toClient, client, true));
        }

        private void spawn(String role, Runnable body) {
            Thread t =
                    Thread.ofVirtual().name("fault-proxy-" + name + "-" + role).unstarted(body);
            threads.add(t);
            if (cut.get()) {
                return;
            }
            t.start();
        }

        private void readClient() {
            try {
                InputStream in = new BufferedInputStream(client.getInputStream(), 16 * 1024);
                while (!cut.get()) {
                    RequestHead offered = RequestHead.read(in);
                    if (offered == null) {
                        if (server == null) {
                            cut();
                        } else {
                            put(toServer, EOF);
                        }
                        return;
                    }
                    RequestHead head = offered.withoutH2cOffer();
                    requests.incrementAndGet();
                    if (mode instanceof FaultMode.Erroring e) {
                        if (!answerError(head, e.code(), in)) {
                            return;
                        }
                        continue;
                    }
                    connectServer();
                    streaming = head.streaming();
                    put(toServer, head.raw());
                    head.copyBody(in, bytes -> put(toServer, bytes));
                    if (head.upgrade()) {
                        pumpRaw(in);
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                cut();
            }
        }

        private void pumpRaw(InputStream in) throws IOException, InterruptedException {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                put(toServer, Arrays.copyOf(buffer, n));
            }
            put(toServer, EOF);
        }

        /** Answers one request with an error; returns whether the connection stays open for another. */
        private boolean answerError(RequestHead head, int code, InputStream in)
                throws IOException, InterruptedException {
            // With "Expect: 100-continue" the client waits before sending the body; a final answer without reading
            // it must close the connection (RFC 9110 10.1.1).
            boolean keepAlive = head.keepAlive() && !head.expectsContinue() && !head.upgrade();
            if (!head.expectsContinue()) {
                head.copyBody(in, bytes -> {});
            }
            errorAnswers.incrementAndGet();
            put(toClient, errorResponse(code, keepAlive, head.isHead()));
            if (!keepAlive) {
                put(toClient, EOF);
                return false;
            }
            return true;
        }

        private void connectServer() throws IOException {
            if (server != null) {
                return;
            }
            Socket s = new Socket();
            s.connect(upstream, 5_000);
            s.setTcpNoDelay(true);
            server = s;
            if (cut.get()) {
                s.close();
                throw new IOException("connection cut");
            }
            spawn("server-writer", () -> write(toServer, s, false));
            spawn("server-reader", this::readServer);
        }

        private void readServer() {
            try {
                InputStream in = server.getInputStream();
                byte[] buffer = new byte[16 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    put(toClient, Arrays.copyOf(buffer, n));
                }
                put(toClient, EOF);
            } catch (IOException | InterruptedException e) {
                cut();
            }
        }

        /** Delivers chunks from {@code queue} to {@code socket} when the mode lets them through. */
        private void write(BlockingQueue<Chunk> queue, Socket socket, boolean toTheClient) {
            try {
                OutputStream out = socket.getOutputStream();
                while (!cut.get()) {
                    Chunk chunk = queue.take();
                    awaitRelease(chunk.readAt(), this);
                    if (chunk.bytes() == EOF) {
                        if (toTheClient) {
                            cut(); // the server (or the error answer) ended the conversation
                        } else {
                            socket.shutdownOutput(); // the client is done sending; its answer may still come
                        }
                        return;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                cut();
            }
        }

        private void put(BlockingQueue<Chunk> queue, byte[] bytes) throws InterruptedException {
            queue.put(new Chunk(bytes, System.nanoTime()));
        }

        void cut() {
            if (!cut.compareAndSet(false, true)) {
                return;
            }
            connections.remove(this);
            closeQuietly(client);
            closeQuietly(server);
            threads.forEach(Thread::interrupt);
            lock.lock();
            try {
                modeChanged.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    /** The answer of an erroring Kubernetes API server (or of a load balancer in front of one). */
    static byte[] errorResponse(int code, boolean keepAlive, boolean headRequest) {
        String reasonPhrase;
        String reason;
        String message;
        switch (code) {
            case 429 -> {
                reasonPhrase = "Too Many Requests";
                reason = "TooManyRequests";
                message = "the server has received too many requests and has asked us to try again later";
            }
            case 500 -> {
                reasonPhrase = "Internal Server Error";
                reason = "InternalError";
                message = "an error on the server has prevented the request from succeeding";
            }
            case 504 -> {
                reasonPhrase = "Gateway Timeout";
                reason = "Timeout";
                message = "the server was unable to return a response in the time allotted,"
                        + " but may still be processing the request";
            }
            default -> {
                reasonPhrase = "Service Unavailable";
                reason = "ServiceUnavailable";
                message = "the server is currently unable to handle the request";
            }
        }
        String body = """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
                "message":"%s","reason":"%s","details":{"causes":[{"reason":"UnexpectedServerResponse",\
                "message":"simulated fault"}]},"code":%d}
                """.formatted(message, reason, code).strip();
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ")
                .append(code)
                .append(' ')
                .append(reasonPhrase)
                .append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Cache-Control: no-cache, private\r\n")
                .append("Content-Length: ")
                .append(bodyBytes.length)
                .append("\r\n");
        if (code == 429) {
            head.append("Retry-After: 1\r\n");
        }
        head.append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n")
                .append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (headRequest) {
            return headBytes;
        }
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
        System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
        return all;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address needs no lookup", e);
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + name + " " + url() + " -> " + upstream + ", " + mode + "]";
    }
}
