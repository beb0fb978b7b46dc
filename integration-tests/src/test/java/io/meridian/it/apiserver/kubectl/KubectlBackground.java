package io.meridian.it.apiserver.kubectl;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A kubectl process left running while the test acts: a {@code get -w} whose output grows, or a
 * {@code delete} that blocks. Its output is read as it stands at each call, so a test polls it with
 * Awaitility. {@link #close()} kills the process if it still runs.
 */
public final class KubectlBackground implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final Path out;
    private final Path err;

    KubectlBackground(List<String> command, Process process, Path out, Path err) {
        this.command = List.copyOf(command);
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Standard output so far. */
    public String stdout() {
        return Kubectl.read(out);
    }

    /** Standard error so far. */
    public String stderr() {
        return Kubectl.read(err);
    }

    /** Standard output so far, line by line, blank lines dropped. */
    public List<String> stdoutLines() {
        return stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended on its own. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** The output and state so far, for assertion messages. */
    public String describe() {
        return String.join(" ", command) + "\n--- "
                + (process.isAlive() ? "running" : "exit code " + process.exitValue()) + "\n--- stdout:\n" + stdout()
                + "\n--- stderr:\n" + stderr();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        Kubectl.delete(out);
        Kubectl.delete(err);
    }
}
