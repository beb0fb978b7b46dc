package io.meridian.fedctl.output;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Ages and durations as kubectl prints them: {@code 45s}, {@code 3m20s}, {@code 12m}, {@code 5h}, {@code 3d}. */
public final class Ages {

    private Ages() {}

    /** The age of something created at {@code timestamp} (RFC 3339), or {@code <unknown>}. */
    public static String since(String timestamp, Instant now) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return since(OffsetDateTime.parse(timestamp).toInstant(), now);
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    public static String since(Instant then, Instant now) {
        if (then == null) {
            return "<unknown>";
        }
        return human(Duration.between(then, now));
    }

    /** {@code d} in kubectl's human form; negative durations (clock skew) count as zero. */
    public static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 10) {
            return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
        }
        if (m < 180) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 8) {
            return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
        }
        if (h < 48) {
            return h + "h";
        }
        long days = h / 24;
        if (h < 192) {
            return h % 24 == 0 ? days + "d" : days + "d" + (h % 24) + "h";
        }
        if (days < 365 * 2) {
            return days + "d";
        }
        return (days / 365) + "y";
    }
}
