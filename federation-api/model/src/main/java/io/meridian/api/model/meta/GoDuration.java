package io.meridian.api.model.meta;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;

/**
 * Durations written the Go way ({@code 90s}, {@code 1h30m}, {@code 1.5m}), as Kubernetes APIs do.
 */
public final class GoDuration {

    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile(Patterns.GO_DURATION);
    private static final java.util.regex.Pattern PART =
            java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException if it is not a Go duration
     */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 90s, 5m or 1h30m");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPer(m.group(2)))));
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** {@code duration} written the Go way, in whole hours, minutes and seconds where it can be. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toNanosPart() != 0 || duration.isNegative()) {
            return duration.toNanos() + "ns";
        }
        StringBuilder out = new StringBuilder();
        if (duration.toHours() > 0) {
            out.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            out.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            out.append(duration.toSecondsPart()).append('s');
        }
        return out.toString();
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
