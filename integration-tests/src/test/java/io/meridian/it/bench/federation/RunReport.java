package io.meridian.it.bench.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report a run builds up: sections of lines, and one verdict per target or failed phase for the summary. */
final class RunReport {

    private final StringBuilder text = new StringBuilder();
    private final List<String> verdicts = new ArrayList<>();

    void section(String title) {
        text.append('\n').append(title).append('\n').append("-".repeat(Math.min(120, title.length())));
        text.append('\n');
        FederationBenchmark.progress(title);
    }

    void line(String line) {
        text.append(line).append('\n');
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
