package io.meridian.it.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real {@code ./fedctl} launcher at the root of the checkout, run as a process with an
 * environment of its own (its sandbox home, its kubeconfig), standard output and error captured in
 * files, and a timeout after which the process is killed and the call fails.
 */
final class Fedctl {

    /**
     * What one run did.
     *
     * @param exit the exit code
     * @param out standard output
     * @param err standard error
     */
    record Result(List<String> command, int exit, String out, String err) {
        @Override
        public String toString() {
            return String.join(" ", command) + " → exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final Path root;
    private final Path workDir;
    private final Map<String, String> env;
    private final AtomicInteger sequence = new AtomicInteger();

    /**
     * @param root the checkout, where {@code ./fedctl} is
     * @param workDir where the captured output goes
     * @param env variables added to this process's environment
     */
    Fedctl(Path root, Path workDir, Map<String, String> env) {
        Path launcher = root.resolve("fedctl");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing or not executable: these suites run the real"
                    + " launcher of the checkout");
        }
        this.root = root;
        this.workDir = workDir;
        this.env = Map.copyOf(env);
    }

    /** The checkout this module is part of. */
    static Path checkout() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("fedctl"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no ./fedctl above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    Path root() {
        return root;
    }

    /** Runs {@code ./fedctl args} from the checkout's root and waits at most {@code timeout}. */
    Result run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add("./fedctl");
        command.addAll(List.of(args));
        int n = sequence.incrementAndGet();
        Path out = workDir.resolve(n + ".out");
        Path err = workDir.resolve(n + ".err");
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + "s; output so far in " + out + " and " + err);
            }
            return new Result(command, p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
