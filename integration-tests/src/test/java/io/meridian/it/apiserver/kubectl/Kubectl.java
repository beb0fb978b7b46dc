package io.meridian.it.apiserver.kubectl;

import io.meridian.sandbox.apiserver.ApiServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real {@code kubectl} binary, run as a process against one API server: a kubeconfig written by
 * {@link ApiServerProcess#writeKubeconfig} and a discovery cache of its own (so that a port reused
 * by an earlier server never serves stale discovery), captured stdout, stderr and exit code, and a
 * timeout after which the process is killed and the call fails.
 *
 * <pre>{@code
 * Kubectl kubectl = Kubectl.forServer(api.server(), Path.of("target", "kubectl", "MyE2E"));
 * kubectl.ok("apply", "-f", file.toString());
 * KubectlResult r = kubectl.run("get", "cm", "missing");   // r.exitCode() != 0, r.stderr()
 * try (KubectlBackground watch = kubectl.background("get", "cm", "-w")) { ... watch.stdout() ... }
 * }</pre>
 */
public final class Kubectl {

    /** The oldest kubectl these suites are written against. */
    public static final int MIN_MINOR_VERSION = 32;

    private static final Pattern MINOR = Pattern.compile("\"minor\"\\s*:\\s*\"(\\d+)");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final Path kubeconfig;
    private final Duration timeout;
    private final AtomicInteger sequence;

    private Kubectl(Path workDir, Path kubeconfig, Duration timeout, AtomicInteger sequence) {
        this.workDir = workDir;
        this.kubeconfig = kubeconfig;
        this.timeout = timeout;
        this.sequence = sequence;
    }

    /**
     * Checks that kubectl is on the PATH and recent enough, then writes a kubeconfig for {@code
     * server} into {@code workDir}.
     *
     * @throws IllegalStateException when kubectl is missing or older than v1.{@value #MIN_MINOR_VERSION}
     */
    public static Kubectl forServer(ApiServerProcess server, Path workDir) {
        requireOnPath();
        Path dir = workDir.toAbsolutePath();
        try {
            // A discovery cache left by an earlier run, whose server had the same port, would
            // describe resources this server does not serve (or miss its custom ones).
            deleteTree(dir.resolve("cache"));
            Files.createDirectories(dir.resolve("cache"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "meridian");
        return new Kubectl(dir, kubeconfig, DEFAULT_TIMEOUT, new AtomicInteger());
    }

    /**
     * Fails with a clear message when {@code kubectl} cannot be run: these suites exist to show that
     * the real client works, so a missing binary must never turn into a silent skip.
     */
    public static void requireOnPath() {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "version", "--client", "-o", "json")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "kubectl is not on the PATH: the end-to-end suites run the real kubectl (v1." + MIN_MINOR_VERSION
                            + " or newer); install it and put it on the PATH",
                    e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("'kubectl version --client' failed:\n" + out);
            }
            Matcher m = MINOR.matcher(out);
            if (!m.find() || Integer.parseInt(m.group(1)) < MIN_MINOR_VERSION) {
                throw new IllegalStateException("the end-to-end suites need kubectl v1." + MIN_MINOR_VERSION
                        + " or newer on the PATH; found:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the kubectl version", e);
        } finally {
            p.destroyForcibly();
        }
    }

    /** The same kubectl with another per-command timeout. */
    public Kubectl withTimeout(Duration timeout) {
        return new Kubectl(workDir, kubeconfig, timeout, sequence);
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Runs {@code kubectl args...} to its end, whatever its exit code. */
    public KubectlResult run(String... args) {
        return execute(null, args);
    }

    /** Runs {@code kubectl args...} with {@code stdin} as its standard input (for {@code -f -}). */
    public KubectlResult runWithInput(String stdin, String... args) {
        return execute(stdin, args);
    }

    /** Runs {@code kubectl args...} and fails, with its output, unless it exits 0. */
    public KubectlResult ok(String... args) {
        return execute(null, args).assertSuccess();
    }

    /** {@link #ok} with a standard input. */
    public KubectlResult okWithInput(String stdin, String... args) {
        return execute(stdin, args).assertSuccess();
    }

    /** Starts {@code kubectl args...} in the background (a watch, a blocking delete); close it to stop it. */
    public KubectlBackground background(String... args) {
        List<String> command = command(args);
        Path out = scratch("out");
        Path err = scratch("err");
        try {
            Process process = processBuilder(command)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            return new KubectlBackground(command, process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private KubectlResult execute(String stdin, String... args) {
        List<String> command = command(args);
        Path out = scratch("out");
        Path err = scratch("err");
        try {
            ProcessBuilder pb =
                    processBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin == null) {
                pb.redirectInput(
                        ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process = pb.start();
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("kubectl did not finish within " + timeout.toSeconds() + "s: "
                        + String.join(" ", command) + "\nstdout:\n" + read(out) + "\nstderr:\n" + read(err));
            }
            return new KubectlResult(command, process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("kubectl");
        command.addAll(List.of(args));
        return command;
    }

    private ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("KUBECACHEDIR", workDir.resolve("cache").toString());
        return pb;
    }

    private Path scratch(String suffix) {
        return workDir.resolve("kubectl-" + sequence.incrementAndGet() + "." + suffix);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
