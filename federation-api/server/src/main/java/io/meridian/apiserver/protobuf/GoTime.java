package io.meridian.apiserver.protobuf;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's renderings of times and durations, as the JSON of metav1.Time, MicroTime and Duration shows them. */
final class GoTime {

    /** {@code time.RFC3339} in UTC: metav1.Time keeps whole seconds in JSON. */
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** metav1's {@code RFC3339Micro} in UTC. */
    private static final DateTimeFormatter RFC3339_MICRO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final long SECOND = 1_000_000_000L;

    private GoTime() {}

    static String rfc3339(long seconds) {
        return RFC3339.format(Instant.ofEpochSecond(seconds));
    }

    static String rfc3339Micro(long seconds, int nanos) {
        return RFC3339_MICRO.format(Instant.ofEpochSecond(seconds, nanos));
    }

    /** Go's {@code time.Duration.String()}: {@code 1h0m0s}, {@code 1.5s}, {@code 300ms}, {@code 0s}. */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // Long.MIN_VALUE has no positive counterpart; its magnitude as an unsigned value is right.
        long u = negative ? -nanos : nanos;
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, SECOND) < 0) {
            if (u < 1_000L) {
                out.append(u).append("ns");
            } else if (u < 1_000_000L) {
                out.append(fraction(u, 1_000L)).append("µs");
            } else {
                out.append(fraction(u, 1_000_000L)).append("ms");
            }
        } else {
            long totalSeconds = Long.divideUnsigned(u, SECOND);
            long rest = Long.remainderUnsigned(u, SECOND);
            long hours = totalSeconds / 3600;
            long minutes = totalSeconds / 60 % 60;
            long seconds = totalSeconds % 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                out.append(minutes).append('m');
            }
            out.append(seconds);
            if (rest > 0) {
                out.append('.').append(trimZeros(String.format("%09d", rest)));
            }
            out.append('s');
        }
        return negative ? "-" + out : out.toString();
    }

    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(unit).length() - 1;
        return whole + "." + trimZeros(String.format("%0" + digits + "d", rest));
    }

    private static String trimZeros(String digits) {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }
}
