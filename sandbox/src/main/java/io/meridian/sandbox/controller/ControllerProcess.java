package io.meridian.sandbox.controller;

import io.meridian.sandbox.etcd.FreePorts;
import io.meridian.sandbox.process.JarProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code meridian-controller} replica running as its own process against a federation API, as
 * the sandbox and the end-to-end suites run it. Several replicas on one federation elect one
 * leader; {@link #kill()} is how a suite makes the leader die.
 */
public final class ControllerProcess implements AutoCloseable {

    /** The packaged controller, relative to the repository root. */
    public static final String JAR = "federation-controller/target/meridian-controller.jar";

    private final String identity;
    private final int port;
    private final JarProcess process;

    private ControllerProcess(Builder b) {
        this.port = b.port > 0 ? b.port : FreePorts.next();
        this.identity = b.identity;
        List<String> args = new ArrayList<>();
        args.add("--meridian.controller.federation-api=" + b.federationApi);
        args.add("--meridian.controller.identity=" + b.identity);
        args.add("--server.address=127.0.0.1");
        args.add("--server.port=" + port);
        b.properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        Path log = b.logFile != null
                ? b.logFile
                : Path.of("target", "controller-logs", b.identity + ".log").toAbsolutePath();
        this.process = new JarProcess(
                "controller " + b.identity,
                b.jar != null ? b.jar : locateJar(),
                b.jvmOptions,
                args,
                URI.create("http://127.0.0.1:" + port + "/actuator/health"),
                log,
                b.startTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    public ControllerProcess start() {
        process.start();
        return this;
    }

    public String identity() {
        return identity;
    }

    /** The replica's own HTTP endpoint (health and metrics). */
    public String url() {
        return "http://127.0.0.1:" + port;
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

    public void stop() {
        process.stop();
    }

    /** SIGKILL: the replica dies without releasing its lease, as a crashed process does. */
    public void kill() {
        process.kill();
    }

    public ControllerProcess restart() {
        process.restart();
        return this;
    }

    @Override
    public void close() {
        process.close();
    }

    public static Path locateJar() {
        return JarProcess.locate(
                JAR,
                "meridian.controller.jar",
                "MERIDIAN_CONTROLLER_JAR",
                "./mvnw -pl federation-controller -am package -DskipTests");
    }

    /** How to launch one replica. */
    public static final class Builder {
        private Path jar;
        private String federationApi;
        private String identity = "controller-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 10000;
        private int port;
        private Path logFile;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(JarProcess.smallJvm("384m"));
        private Duration startTimeout = Duration.ofSeconds(90);

        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        /** The federation API server's URL. */
        public Builder federationApi(String url) {
            this.federationApi = url;
            return this;
        }

        /** This replica's name in leader election. */
        public Builder identity(String identity) {
            this.identity = identity;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** A Spring property passed on the command line, e.g. {@code meridian.controller.leader-election.lease-duration=4s}. */
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

        public ControllerProcess build() {
            if (federationApi == null) {
                throw new IllegalStateException("a controller needs the federation API's URL");
            }
            return new ControllerProcess(this);
        }

        public ControllerProcess start() {
            return build().start();
        }
    }
}
