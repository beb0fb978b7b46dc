package io.meridian.fedctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One run of {@code fedctl} in this JVM, with what it wrote.
 *
 * @param exit the exit code
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int exit, String out, String err) {

    public static CliRun fedctl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Fedctl.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The non-blank lines of standard error. */
    public List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }

    /** The only line of standard error, failing when there is not exactly one. */
    public String errorLine() {
        List<String> lines = errLines();
        if (lines.size() != 1) {
            throw new AssertionError("expected one line on stderr, got " + lines.size() + ":\n" + err);
        }
        return lines.getFirst();
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
}
