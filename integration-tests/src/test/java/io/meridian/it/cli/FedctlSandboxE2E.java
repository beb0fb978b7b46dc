package io.meridian.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meridian.sandbox.etcd.FreePorts;
import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The getting-started path with the real {@code ./fedctl}, as a newcomer runs it: a sandbox of its own
 * (its own home and ports) comes up, the example app is applied and becomes ready (exit 0), status
 * shows the 4/2/2 split, a drill takes eu-west down and status says so, healing brings it back, and
 * {@code sandbox down} leaves no process and no listening port behind.
 */
class FedctlSandboxE2E {

    /** Start-up on a busy two-core machine, including a first build by the launcher. */
    private static final Duration UP = Duration.ofMinutes(10);

    private static final Duration COMMAND = Duration.ofMinutes(4);
    private static final Duration CONVERGE = Duration.ofSeconds(150);

    private static Path home;
    private static Fedctl fedctl;
    private static boolean stopped;

    @BeforeAll
    static void freshHome() throws IOException {
        Path root = Fedctl.checkout();
        Path work = root.resolve("integration-tests/target/fedctl-e2e").toAbsolutePath();
        home = work.resolve("sandbox");
        deleteTree(home);
        Files.createDirectories(home);
        // a port of its own for the federation API, so that another sandbox on 16443 is never touched
        Files.writeString(home.resolve("ports.properties"), "apiserver=" + FreePorts.next() + "\n");
        fedctl = new Fedctl(
                root,
                work.resolve("runs"),
                Map.of(
                        "MERIDIAN_SANDBOX_HOME", home.toString(),
                        "KUBECONFIG", home.resolve("kubeconfig").toString(),
                        "NO_COLOR", "1"));
    }

    @AfterAll
    static void downWhateverHappened() {
        if (fedctl != null && !stopped && Files.exists(home.resolve("state.properties"))) {
            Properties state = state();
            fedctl.run(COMMAND, "sandbox", "down");
            pids(state).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void upApplyStatusDrillHealDown() throws IOException {
        Fedctl.Result up = fedctl.run(UP, "sandbox", "up", "--timeout", "300s");
        assertThat(up.exit()).as(up.toString()).isZero();
        Properties state = state();
        Set<Integer> ports = ports(state);

        Fedctl.Result clusters = fedctl.run(COMMAND, "get", "clusters");
        assertThat(clusters.exit()).as(clusters.toString()).isZero();
        assertThat(clusters.out().lines().skip(1))
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).containsPattern("^(us-east|eu-west|ap-south) .* True "));

        Fedctl.Result apply = fedctl.run(COMMAND, "apply", "-f", "examples/multi-region-app", "--timeout", "3m");
        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(apply.out())
                .contains("deployment/web created")
                .contains("propagationpolicy/web created")
                .contains("deployment/web: Ready — 8/8 replicas ready in 3 clusters")
                .contains("All 2 workload(s) are ready");
        assertThat(apply.err()).doesNotContain("Exception").doesNotContain("WARN");

        Fedctl.Result status = fedctl.run(COMMAND, "status", "deployment/web", "-n", "shop");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out())
                .contains("Policy:    PropagationPolicy shop/web")
                .contains("Status:    Ready — 8/8 replicas ready in 3 clusters")
                .containsPattern(row("ap-south", "Ready", 2))
                .containsPattern(row("eu-west", "Ready", 2))
                .containsPattern(row("us-east", "Ready", 4))
                .contains("shop/web-eu-west");

        Fedctl.Result fail = fedctl.run(COMMAND, "sandbox", "fail", "eu-west", "--mode", "down");
        assertThat(fail.exit()).as(fail.toString()).isZero();
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            Fedctl.Result s = fedctl.run(COMMAND, "status", "deployment/web", "-n", "shop");
            assertThat(s.exit()).as(s.toString()).isZero();
            assertThat(s.out())
                    .contains("Status:    Degraded — eu-west is NotReady")
                    .containsPattern("eu-west +NotReady \\(\\w+\\) +2 ")
                    .containsPattern(row("us-east", "Ready", 4));
        });
        Fedctl.Result dark = fedctl.run(COMMAND, "get", "clusters");
        assertThat(dark.out()).containsPattern("eu-west +eu-west +\\S+ +False");

        Fedctl.Result heal = fedctl.run(COMMAND, "sandbox", "heal", "eu-west");
        assertThat(heal.exit()).as(heal.toString()).isZero();
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            Fedctl.Result s = fedctl.run(COMMAND, "status", "deployment/web", "-n", "shop");
            assertThat(s.out()).contains("Status:    Ready").containsPattern(row("eu-west", "Ready", 2));
        });

        // Leaving the federation: refused while web runs in ap-south, then drained away and removed.
        Fedctl.Result refused = fedctl.run(COMMAND, "unjoin", "ap-south");
        assertThat(refused.exit()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).contains("fedctl unjoin ap-south --drain");
        Fedctl.Result drained = fedctl.run(COMMAND, "unjoin", "ap-south", "--drain", "--timeout", "3m");
        assertThat(drained.exit()).as(drained.toString()).isZero();
        assertThat(drained.out())
                .contains("Cluster ap-south is drained.")
                .contains("Cluster ap-south has left the federation");
        Fedctl.Result two = fedctl.run(COMMAND, "get", "clusters");
        assertThat(two.out().lines().skip(1)).hasSize(2).noneMatch(line -> line.startsWith("ap-south"));
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            Fedctl.Result s = fedctl.run(COMMAND, "status", "deployment/web", "-n", "shop");
            assertThat(s.out())
                    .contains("Status:    Ready — 8/8 replicas ready in 2 clusters")
                    .doesNotContainPattern("ap-south +(Ready|NotReady)");
        });

        Fedctl.Result down = fedctl.run(COMMAND, "sandbox", "down");
        assertThat(down.exit()).as(down.toString()).isZero();
        stopped = true;
        List<Long> pids = pids(state);
        assertThat(pids).hasSizeGreaterThanOrEqualTo(12);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(pids)
                        .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                                        .map(ProcessHandle::isAlive)
                                        .orElse(false))
                                .as("process %d of the sandbox", pid)
                                .isFalse()));
        assertThat(ports).hasSizeGreaterThanOrEqualTo(15);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ports)
                        .allSatisfy(port ->
                                assertThat(refuses(port)).as("port %d", port).isTrue()));
        assertThat(home.resolve("state.properties")).doesNotExist();
    }

    /** A row of status's cluster table: name, state, replicas, applied, ready n/n. */
    private static Pattern row(String cluster, String state, int replicas) {
        return Pattern.compile(
                cluster + " +" + state + " +" + replicas + " +True +" + replicas + "/" + replicas + " +Healthy");
    }

    private static Properties state() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(home.resolve("state.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new AssertionError("cannot read the sandbox's state file", e);
        }
        return p;
    }

    /** The supervisor and every process it lists. */
    private static List<Long> pids(Properties state) {
        List<Long> pids = new ArrayList<>();
        pids.add(Long.parseLong(state.getProperty("supervisor.pid")));
        for (String key : state.stringPropertyNames()) {
            if (key.endsWith(".pid") && key.startsWith("component.")) {
                pids.add(Long.parseLong(state.getProperty(key)));
            }
        }
        return pids;
    }

    /** Every port the sandbox listened on: its components' endpoints, its control port, and the ports file. */
    private static Set<Integer> ports(Properties state) throws IOException {
        Set<Integer> ports = new LinkedHashSet<>();
        for (String key : state.stringPropertyNames()) {
            if (key.endsWith(".endpoint") || key.equals("control.url")) {
                ports.add(URI.create(state.getProperty(key)).getPort());
            }
        }
        Properties file = new Properties();
        try (Reader r = Files.newBufferedReader(home.resolve("ports.properties"))) {
            file.load(r);
        }
        file.stringPropertyNames().forEach(k -> ports.add(Integer.parseInt(file.getProperty(k))));
        return ports;
    }

    private static boolean refuses(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
