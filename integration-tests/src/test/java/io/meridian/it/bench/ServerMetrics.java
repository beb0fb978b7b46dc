package io.meridian.it.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Timers the API server publishes in Prometheus text at {@code /actuator/metrics}: how long its etcd calls took as seen
 * from inside the server, and how long it spent on requests, to split an end-to-end latency into its parts.
 */
final class ServerMetrics {

    private final ApiClient api;

    ServerMetrics(ApiClient api) {
        this.api = api;
    }

    /** A reading of one timer: how many times it fired and the seconds it added up to. */
    record Timer(double count, double seconds) {

        Timer minus(Timer earlier) {
            return new Timer(count - earlier.count, seconds - earlier.seconds);
        }

        /** Mean in nanoseconds, or NaN if it did not fire. */
        double meanNanos() {
            return count == 0 ? Double.NaN : seconds / count * 1e9;
        }
    }

    /** The server's etcd create timer and its POST-201 request timer, or null if it publishes none. */
    Reading read() {
        try {
            List<String> lines =
                    List.of(new String(api.get("/actuator/metrics", "text/plain"), StandardCharsets.UTF_8).split("\n"));
            return new Reading(
                    timer(lines, "meridian_etcd_request_seconds", "operation=\"create\"", "outcome=\"success\""),
                    timer(lines, "http_server_requests_seconds", "method=\"POST\"", "status=\"201\""));
        } catch (Exception e) {
            return null;
        }
    }

    record Reading(Timer etcdCreate, Timer httpCreate) {
        Reading minus(Reading earlier) {
            return new Reading(etcdCreate.minus(earlier.etcdCreate), httpCreate.minus(earlier.httpCreate));
        }

        Reading plus(Reading other) {
            return new Reading(
                    new Timer(etcdCreate.count + other.etcdCreate.count, etcdCreate.seconds + other.etcdCreate.seconds),
                    new Timer(
                            httpCreate.count + other.httpCreate.count, httpCreate.seconds + other.httpCreate.seconds));
        }
    }

    private static Timer timer(List<String> lines, String name, String... labels) {
        return new Timer(sum(lines, name + "_count{", labels), sum(lines, name + "_sum{", labels));
    }

    private static double sum(List<String> lines, String prefix, String... labels) {
        double total = 0;
        for (String line : lines) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
