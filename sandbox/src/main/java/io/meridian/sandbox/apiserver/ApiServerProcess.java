package io.meridian.sandbox.apiserver;

import io.meridian.sandbox.etcd.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@code meridian-apiserver} running as its own process on loopback, as tests and the sandbox
 * run it: the packaged jar, a free port, a log file, started and waited for until {@code /readyz}
 * says ok. It can be stopped, killed (SIGKILL: a replica dying mid-request) and restarted on the
 * same port.
 *
 * <pre>{@code
 * try (ApiServerProcess api = ApiServerProcess.builder()
 *         .etcdEndpoints(ring.endpoints())
 *         .start()) {
 *     String url = api.url();                 // http://127.0.0.1:PORT
 *     api.kill();
 *     api.restart();
 * }
 * }</pre>
 */
public final class ApiServerProcess implements AutoCloseable {

    /** The packaged server, relative to the repository root. */
    public static final String JAR = "federation-api/server/target/meridian-apiserver.jar";

    private static final Set<ApiServerProcess> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK = new AtomicBoolean();

    private final Path jar;
    private final List<String> etcdEndpoints;
    private final String mode;
    private final String prefix;
    private final int port;
    private final Path logFile;
    private final Map<String, String> properties;
    private final List<String> jvmOptions;
    private final Duration startTimeout;
    private final String name;
    private Process process;

    private ApiServerProcess(Builder b) {
        this.jar = b.jar != null ? b.jar : locateJar();
        this.etcdEndpoints = List.copyOf(b.etcdEndpoints);
        this.mode = b.mode;
        this.prefix = b.prefix;
        this.port = b.port > 0 ? b.port : FreePorts.next();
        this.name = b.name;
        this.logFile = b.logFile != null ? b.logFile : defaultLog(b.name, port);
        this.properties = Map.copyOf(b.properties);
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.startTimeout = b.startTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Launches the server and waits until it is ready. */
    public synchronized ApiServerProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        installHook();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.add("--meridian.api.etcd.endpoints=" + String.join(",", etcdEndpoints));
        cmd.add("--meridian.api.mode=" + mode);
        if (prefix != null) {
            cmd.add("--meridian.api.etcd.prefix=" + prefix);
        }
        cmd.add("--server.address=127.0.0.1");
        cmd.add("--server.port=" + port);
        properties.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
        OPEN.add(this);
        awaitReady();
        return this;
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("API server " + name + " exited with " + process.exitValue()
                        + " during start-up; last lines of " + logFile + ":\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/readyz"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the API server", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the API server", e);
            }
        }
        destroy(true);
        throw new IllegalStateException("API server " + name + " was not ready within " + startTimeout.toSeconds()
                + "s; last lines of " + logFile + ":\n" + tail());
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException("API server " + name + " is not running");
        }
        return process.pid();
    }

    /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
    public synchronized void stop() {
        destroy(false);
    }

    /** SIGKILL: the replica dies at once, mid-request if there is one. */
    public synchronized void kill() {
        destroy(true);
    }

    /** Starts the server again on the same port and waits until it is ready. */
    public synchronized ApiServerProcess restart() {
        destroy(false);
        return start();
    }

    /** A kubeconfig for kubectl with one context, {@code name}, pointing at this server. */
    public Path writeKubeconfig(Path file, String contextName) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: default
                current-context: %1$s
                users:
                - name: %1$s
                  user: {}
                """.formatted(contextName, url());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void destroy(boolean force) {
        if (process == null) {
            return;
        }
        try {
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public synchronized void close() {
        destroy(false);
        OPEN.remove(this);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void installHook() {
        if (HOOK.compareAndSet(false, true)) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> OPEN.forEach(p -> p.destroy(true)), "apiserver-cleanup"));
        }
    }

    private static Path defaultLog(String name, int port) {
        return Path.of("target", "apiserver-logs", (name == null ? "apiserver" : name) + "-" + port + ".log")
                .toAbsolutePath();
    }

    /**
     * The packaged jar: the system property {@code meridian.apiserver.jar}, else {@value #JAR} in
     * the working directory or one of its parents (tests run in a module directory).
     */
    public static Path locateJar() {
        String configured = System.getProperty("meridian.apiserver.jar", System.getenv("MERIDIAN_APISERVER_JAR"));
        if (configured != null && !configured.isEmpty()) {
            Path p = Path.of(configured);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("meridian.apiserver.jar points to " + p + ", which does not exist");
            }
            return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(JAR);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find " + JAR + ": build it first with "
                + "'./mvnw -pl federation-api/server -am package -DskipTests', or set -Dmeridian.apiserver.jar");
    }

    /** How to launch one server. */
    public static final class Builder {
        private Path jar;
        private final List<String> etcdEndpoints = new ArrayList<>();
        private String mode = "federation";
        private String prefix;
        private int port;
        private Path logFile;
        private String name = "apiserver";
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> jvmOptions =
                new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        private Duration startTimeout = Duration.ofSeconds(60);

        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        public Builder etcdEndpoints(List<String> endpoints) {
            this.etcdEndpoints.clear();
            this.etcdEndpoints.addAll(endpoints);
            return this;
        }

        /** {@code federation} (default) or {@code member}. */
        public Builder mode(String mode) {
            this.mode = mode;
            return this;
        }

        /** The etcd key prefix; member clusters sharing one ring need distinct ones. */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** A Spring property passed on the command line, e.g. {@code meridian.api.etcd.request-timeout=2s}. */
        public Builder property(String key, String value) {
            this.properties.put(key, value);
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            this.jvmOptions.clear();
            this.jvmOptions.addAll(options);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public ApiServerProcess build() {
            if (etcdEndpoints.isEmpty()) {
                throw new IllegalStateException("an API server needs etcd endpoints");
            }
            return new ApiServerProcess(this);
        }

        public ApiServerProcess start() {
            return build().start();
        }
    }
}
