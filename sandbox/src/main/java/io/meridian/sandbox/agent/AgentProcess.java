package io.meridian.sandbox.agent;

import io.meridian.sandbox.etcd.FreePorts;
import io.meridian.sandbox.process.JarProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@code meridian-agent} (member-sync in pull mode) running as its own process for one member
 * cluster: it dials out to the federation API and syncs that one cluster, as it would from inside
 * the member.
 */
public final class AgentProcess implements AutoCloseable {

    private final int port;
    private final JarProcess process;

    private AgentProcess(Builder b) {
        this.port = b.port > 0 ? b.port : FreePorts.next();
        List<String> args = new ArrayList<>();
        args.add("--meridian.sync.cluster-name=" + b.cluster);
        args.add("--meridian.sync.federation.url=" + b.federationApi);
        args.add("--meridian.sync.member.kubeconfig=" + b.memberKubeconfig);
        args.add("--server.address=127.0.0.1");
        args.add("--server.port=" + port);
        b.properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        Path log = b.logFile != null
                ? b.logFile
                : Path.of("target", "agent-logs", b.cluster + ".log").toAbsolutePath();
        this.process = new JarProcess(
                "agent for " + b.cluster,
                b.jar != null ? b.jar : locateJar(),
                b.jvmOptions,
                args,
                URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"),
                log,
                b.startTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    public AgentProcess start() {
        process.start();
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public void stop() {
        process.stop();
    }

    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }

    /** member-sync's {@code -agent.jar}: {@code -Dmeridian.agent.jar}, else found under {@code member-sync/target}. */
    public static Path locateJar() {
        String configured = System.getProperty("meridian.agent.jar", System.getenv("MERIDIAN_AGENT_JAR"));
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path target = dir.resolve("member-sync/target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    var jar = files.filter(p -> p.getFileName().toString().endsWith("-agent.jar"))
                            .findFirst();
                    if (jar.isPresent()) {
                        return jar.get();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("cannot find member-sync's agent jar: build it first with "
                + "'./mvnw -pl member-sync -am package -DskipTests', or set -Dmeridian.agent.jar");
    }

    /** How to launch one agent. */
    public static final class Builder {
        private Path jar;
        private String cluster;
        private String federationApi;
        private Path memberKubeconfig;
        private int port;
        private Path logFile;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(JarProcess.smallJvm("256m"));
        private Duration startTimeout = Duration.ofSeconds(90);

        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder federationApi(String url) {
            this.federationApi = url;
            return this;
        }

        public Builder memberKubeconfig(Path kubeconfig) {
            this.memberKubeconfig = kubeconfig;
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

        public Builder property(String key, String value) {
            this.properties.put(key, value);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public AgentProcess start() {
            if (cluster == null || federationApi == null || memberKubeconfig == null) {
                throw new IllegalStateException(
                        "an agent needs its cluster name, the federation API and a member kubeconfig");
            }
            return new AgentProcess(this).start();
        }
    }
}
