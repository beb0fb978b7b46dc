package io.meridian.sandbox.apiserver;

import io.meridian.sandbox.etcd.FreePorts;
import io.meridian.sandbox.process.JarProcess;
import io.meridian.sandbox.process.Kubeconfigs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private final int port;
    private final JarProcess process;

    private ApiServerProcess(Builder b) {
        this.port = b.port > 0 ? b.port : FreePorts.next();
        List<String> args = new ArrayList<>();
        args.add("--meridian.api.etcd.endpoints=" + String.join(",", b.etcdEndpoints));
        args.add("--meridian.api.mode=" + b.mode);
        if (b.prefix != null) {
            args.add("--meridian.api.etcd.prefix=" + b.prefix);
        }
        args.add("--server.address=127.0.0.1");
        args.add("--server.port=" + port);
        b.properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        Path log = b.logFile != null
                ? b.logFile
                : Path.of("target", "apiserver-logs", b.name + "-" + port + ".log")
                        .toAbsolutePath();
        this.process = new JarProcess(
                "API server " + b.name,
                b.jar != null ? b.jar : locateJar(),
                b.jvmOptions,
                args,
                URI.create("http://127.0.0.1:" + port + "/readyz"),
                log,
                b.startTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Launches the server and waits until it is ready. */
    public ApiServerProcess start() {
        process.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
    public void stop() {
        process.stop();
    }

    /** SIGKILL: the replica dies at once, mid-request if there is one. */
    public void kill() {
        process.kill();
    }

    /** Starts the server again on the same port and waits until it is ready. */
    public ApiServerProcess restart() {
        process.restart();
        return this;
    }

    /** A kubeconfig for kubectl with one context, {@code contextName}, pointing at this server. */
    public Path writeKubeconfig(Path file, String contextName) {
        return Kubeconfigs.write(file, contextName, url());
    }

    @Override
    public void close() {
        process.close();
    }

    /**
     * The packaged jar: the system property {@code meridian.apiserver.jar}, else {@value #JAR} in
     * the working directory or one of its parents (tests run in a module directory).
     */
    public static Path locateJar() {
        return JarProcess.locate(
                JAR,
                "meridian.apiserver.jar",
                "MERIDIAN_APISERVER_JAR",
                "./mvnw -pl federation-api/server -am package -DskipTests");
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
        private final List<String> jvmOptions = new ArrayList<>(JarProcess.smallJvm("512m"));
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
