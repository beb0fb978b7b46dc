package io.meridian.it.bench;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** The report a run builds up: sections of lines, and one verdict per target or failed phase for the summary. */
final class Report {

    private final StringBuilder text = new StringBuilder();
    private final List<String> verdicts = new ArrayList<>();

    void section(String title) {
        text.append('\n').append(title).append('\n').append("-".repeat(Math.min(120, title.length())));
        text.append('\n');
    }

    void line(String line) {
        text.append(line).append('\n');
    }

    /** {@code [PASS] ...}, {@code [FAIL] ...} or {@code [ERROR] ...}. */
    void verdict(String verdict) {
        verdicts.add(verdict);
    }

    List<String> verdicts() {
        return List.copyOf(verdicts);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** Progress goes to stderr as the run goes; the report to stdout at the end. */
    static void progress(String message) {
        System.err.println("[benchmark " + LocalDateTime.now().withNano(0).toLocalTime() + "] " + message);
    }
}
