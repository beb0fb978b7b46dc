package io.meridian.it.bench.federation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report a run builds up: sections of lines, and one verdict per target or failed phase for the summary. */
final class RunReport {

    private final StringBuilder text = new StringBuilder();
    private final List<String> verdicts = new ArrayList<>();
    private Path file;

    /**
     * Also appends every line to {@code file} as it comes, so that a run stopped before its end (a phase that
     * collapses under load can wait for a long time) keeps what it measured.
     */
    void writeAlongTo(Path file) throws IOException {
        this.file = file;
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    void section(String title) {
        append('\n' + title + '\n' + "-".repeat(Math.min(120, title.length())) + '\n');
        FederationBenchmark.progress(title);
    }

    void line(String line) {
        append(line + '\n');
    }

    private void append(String s) {
        text.append(s);
        if (file != null) {
            try {
                Files.writeString(file, s, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                FederationBenchmark.progress("cannot append to " + file + ": " + e.getMessage());
                file = null;
            }
        }
    }

    /** A labelled line: {@code label ......... value}. */
    void row(String label, String value) {
        line(String.format(Locale.ROOT, "  %-46s %s", label, value));
    }

    /** {@code [PASS] ...}, {@code [FAIL] ...} or {@code [ERROR] ...}. */
    void verdict(String verdict) {
        verdicts.add(verdict);
        line(verdict);
    }

    List<String> verdicts() {
        return List.copyOf(verdicts);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
