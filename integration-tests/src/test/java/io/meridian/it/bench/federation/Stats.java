package io.meridian.it.bench.federation;

import java.util.Collection;
import java.util.Locale;

/** Exact percentiles (nearest rank) of a set of durations in nanoseconds. */
record Stats(int count, long min, long p50, long p90, long p99, long max) {

    static Stats of(Collection<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Stats(0, 0, 0, 0, 0, 0);
        }
        return new Stats(
                sorted.length,
                sorted[0],
                rank(sorted, 50),
                rank(sorted, 90),
                rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    static long rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** {@code p50 412 ms  p90 640 ms  p99 910 ms  max 1.21 s  (n=1000)}. */
    String full() {
        return count == 0
                ? "no samples"
                : String.format(
                        Locale.ROOT,
                        "p50 %s  p90 %s  p99 %s  max %s  (n=%d)",
                        time(p50),
                        time(p90),
                        time(p99),
                        time(max),
                        count);
    }

    static String time(double nanos) {
        double ms = nanos / 1e6;
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        }
        return ms >= 10 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
