package io.meridian.it.apiserver.kubectl;

import java.util.List;

/**
 * One finished kubectl command.
 *
 * @param command the command line, {@code kubectl} first
 * @param exitCode the process's exit code
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 */
public record KubectlResult(List<String> command, int exitCode, String stdout, String stderr) {

    public KubectlResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result, or an {@link AssertionError} with the whole output when kubectl exited non-zero. */
    public KubectlResult assertSuccess() {
        if (exitCode != 0) {
            throw new AssertionError("expected success, got exit code " + exitCode + " from: " + this);
        }
        return this;
    }

    /** This result, or an {@link AssertionError} with the whole output when kubectl exited 0. */
    public KubectlResult assertFailure() {
        if (exitCode == 0) {
            throw new AssertionError("expected a failure, got exit code 0 from: " + this);
        }
        return this;
    }

    /** Standard error without kubectl's trailing newline, split into lines (empty lines dropped). */
    public List<String> stderrLines() {
        return stderr.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public String toString() {
        return String.join(" ", command) + "\n--- exit code " + exitCode + "\n--- stdout:\n" + stdout
                + "\n--- stderr:\n" + stderr;
    }
}
