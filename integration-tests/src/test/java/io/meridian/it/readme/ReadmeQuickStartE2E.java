package io.meridian.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two set-up commands, taken from the README itself: the main-job command is run
 * exactly as written, probed with the real kubectl, and stopped; the test command is the one CI
 * runs, so {@code .ci/run} must run exactly it.
 */
class ReadmeQuickStartE2E {

    private static final Path ROOT = repositoryRoot();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void theQuickStartHoldsTwoCommandsAndCiRunsTheSecond() throws IOException {
        List<String> commands = quickStart();
        assertThat(commands).hasSize(2);
        assertThat(commands.getFirst()).isEqualTo("./fedctl sandbox up");
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(ci.getLast()).as("what .ci/run runs in the end").isEqualTo(commands.get(1));
    }

    @Test
    void theMainJobCommandStartsAFederationWhoseThreeClustersAreReadyAndDownStopsIt() throws Exception {
        String up = quickStart().getFirst();
        Result started = run(up, Duration.ofMinutes(8));
        try {
            assertThat(started.exit())
                    .as("exit code of '%s'; output:%n%s", up, started.output())
                    .isZero();
            Path kubeconfig = home.resolve("kubeconfig");
            assertThat(started.output()).contains(kubeconfig.toString());

            Result clusters = kubectl(kubeconfig, "get", "clusters", "-o", "json");
            assertThat(clusters.exit()).as(clusters.output()).isZero();
            JsonNode items = JSON.readTree(clusters.output()).path("items");
            assertThat(StreamSupport.stream(items.spliterator(), false)
                            .filter(ReadmeQuickStartE2E::ready)
                            .map(c -> c.path("spec").path("region").asText())
                            .toList())
                    .containsExactlyInAnyOrder("us-east", "eu-west", "ap-south");
            for (String region : List.of("us-east", "eu-west", "ap-south")) {
                Result nodes = kubectl(kubeconfig, "--context", "member-" + region, "get", "nodes", "-o", "name");
                assertThat(nodes.exit()).as(nodes.output()).isZero();
                assertThat(nodes.output()).contains("node/");
            }
        } finally {
            Properties state = state();
            Result down = run("./fedctl sandbox down", Duration.ofMinutes(3));
            assertThat(down.exit()).as(down.output()).isZero();
            long supervisor = Long.parseLong(state.getProperty("supervisor.pid", "-1"));
            assertThat(ProcessHandle.of(supervisor).filter(ProcessHandle::isAlive))
                    .as("the sandbox supervisor after down")
                    .isEmpty();
        }
        String server = federationServer(home.resolve("kubeconfig"));
        URI uri = URI.create(server);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            throw new AssertionError("the federation API server still listens on " + server + " after down");
        } catch (IOException expected) {
            // nothing listens any more
        }
    }

    private static boolean ready(JsonNode cluster) {
        for (JsonNode c : cluster.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    /** The first code block after the {@code ## Quick start} heading, one command a line. */
    static List<String> quickStart() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int heading = lines.indexOf("## Quick start");
        assertThat(heading).as("a '## Quick start' section in README.md").isNotNegative();
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("```")) {
                if (inBlock) {
                    return commands;
                }
                inBlock = true;
            } else if (inBlock && !line.isBlank()) {
                commands.add(line.strip());
            }
        }
        throw new AssertionError("no closed code block after '## Quick start' in README.md");
    }

    private Properties state() throws IOException {
        Properties p = new Properties();
        Path file = home.resolve("state.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return p;
    }

    private static String federationServer(Path kubeconfig) throws Exception {
        Result r = kubectl(
                kubeconfig, "config", "view", "-o", "jsonpath={.clusters[?(@.name==\"meridian\")].cluster.server}");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).startsWith("http");
        return r.output().strip();
    }

    private static Result kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, ROOT, null, Duration.ofMinutes(1));
    }

    /** A README command, through bash in the repository root, with the sandbox's home in the temp folder. */
    private Result run(String command, Duration timeout) throws Exception {
        return exec(List.of("bash", "-c", command), ROOT, home, timeout);
    }

    private static Result exec(List<String> cmd, Path dir, Path sandboxHome, Duration timeout) throws Exception {
        Path output = Files.createTempFile("readme-command", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (sandboxHome != null) {
            pb.environment().put("MERIDIAN_SANDBOX_HOME", sandboxHome.toString());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.getFirst() + " (is it installed and on the PATH?): " + e, e);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeout + "; output:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private record Result(int exit, String output) {}

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("fedctl"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (README.md and fedctl) above "
                + Path.of("").toAbsolutePath());
    }
}
