package io.meridian.it.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Latencies in nanoseconds, appended by one thread at a time and summarised once all writers have stopped. Exact
 * percentiles (sorted copy, nearest rank): the sample counts here are at most a few hundred thousand.
 */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    static Samples merge(Collection<Samples> parts) {
        Samples all = new Samples();
        int total = parts.stream().mapToInt(Samples::size).sum();
        all.values = new long[Math.max(1, total)];
        for (Samples part : parts) {
            System.arraycopy(part.values, 0, all.values, all.size, part.size);
            all.size += part.size;
        }
        return all;
    }

    Summary summary() {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        if (size == 0) {
            return new Summary(0, 0, 0, 0, 0, 0, 0);
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Summary(
                size, sorted[0], rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted[size - 1], sum / size);
    }

    private static long rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Percentiles of a set of latencies, in nanoseconds. */
    record Summary(int count, long min, long p50, long p90, long p99, long max, double mean) {

        String p50p99() {
            return "p50 " + ms(p50) + "  p99 " + ms(p99);
        }

        String full() {
            return String.format(
                    Locale.ROOT, "p50 %s  p90 %s  p99 %s  max %s  (n=%d)", ms(p50), ms(p90), ms(p99), ms(max), count);
        }

        static String ms(double nanos) {
            double ms = nanos / 1e6;
            return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
        }
    }
}
