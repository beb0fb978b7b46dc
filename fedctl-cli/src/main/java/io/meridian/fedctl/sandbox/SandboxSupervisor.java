package io.meridian.fedctl.sandbox;

import io.meridian.sandbox.apiserver.ApiServerProcess;
import io.meridian.sandbox.etcd.EtcdMember;
import io.meridian.sandbox.etcd.EtcdRing;
import io.meridian.sandbox.etcd.FreePorts;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-lived process behind {@code fedctl sandbox up}: it owns the etcd ring and the API
 * server, writes the state file and kubeconfig, and on SIGTERM ({@code fedctl sandbox down}) stops
 * all of it, keeping the data for the next {@code up}.
 */
final class SandboxSupervisor {

    private static final Logger log = LoggerFactory.getLogger(SandboxSupervisor.class);

    /** One etcd member per simulated region, as the design puts one per datacenter. */
    static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");

    private static final int PREFERRED_API_PORT = 16443;

    private final SandboxHome home;
    private final List<SandboxState.Component> components = new ArrayList<>();
    private EtcdRing ring;
    private ApiServerProcess api;

    SandboxSupervisor(SandboxHome home) {
        this.home = home;
    }

    /** Starts everything, then blocks until the process is told to stop. */
    void run() throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        new SandboxState("starting", pid, null, List.of()).write(home.stateFile());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            shutdown();
                            stopped.countDown();
                        },
                        "sandbox-shutdown"));
        try {
            start(pid);
        } catch (RuntimeException e) {
            log.error("Sandbox failed to start", e);
            new SandboxState("failed", pid, e.getMessage(), List.copyOf(components)).write(home.stateFile());
            System.exit(1);
        }
        stopped.await();
    }

    private void start(long pid) {
        Ports ports = Ports.load(home.root().resolve("ports.properties"));
        ring = EtcdRing.builder()
                .regions(REGIONS)
                .dataRoot(home.etcd())
                .logDir(home.logs())
                .start();
        for (EtcdMember m : ring.members()) {
            components.add(new SandboxState.Component(
                    "etcd-" + m.name(),
                    m.pid(),
                    m.clientUrl(),
                    m.clientUrl() + "/health",
                    m.logFile().toString()));
        }
        int apiPort = ports.apiServer();
        api = ApiServerProcess.builder()
                .name("apiserver")
                .etcdEndpoints(ring.endpoints())
                .port(apiPort)
                .logFile(home.logs().resolve("apiserver.log"))
                .start();
        components.add(new SandboxState.Component(
                "apiserver",
                api.pid(),
                api.url(),
                api.url() + "/readyz",
                api.logFile().toString()));
        api.writeKubeconfig(home.kubeconfig(), "meridian");
        new SandboxState("ready", pid, null, List.copyOf(components)).write(home.stateFile());
        log.info("Sandbox ready: API server at {}, kubeconfig {}", api.url(), home.kubeconfig());
    }

    private void shutdown() {
        log.info("Sandbox stopping");
        try {
            if (api != null) {
                api.close();
            }
        } finally {
            if (ring != null) {
                ring.close();
            }
            try {
                Files.deleteIfExists(home.stateFile());
            } catch (IOException e) {
                log.warn("Cannot remove {}: {}", home.stateFile(), e.getMessage());
            }
        }
        log.info("Sandbox stopped");
    }

    /** Ports that stay the same from one {@code up} to the next, so kubeconfigs keep working. */
    record Ports(Path file, int apiServer) {
        static Ports load(Path file) {
            Properties p = new Properties();
            if (Files.isRegularFile(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            int api = Integer.parseInt(p.getProperty("apiserver", "0"));
            if (api == 0 || !free(api)) {
                api = free(PREFERRED_API_PORT) ? PREFERRED_API_PORT : FreePorts.next();
            }
            p.setProperty("apiserver", Integer.toString(api));
            try {
                Files.createDirectories(file.getParent());
                try (Writer w = Files.newBufferedWriter(file)) {
                    p.store(w, "ports of the Meridian sandbox");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Ports(file, api);
        }

        private static boolean free(int port) {
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    static Duration startTimeout() {
        return Duration.ofSeconds(120);
    }
}
