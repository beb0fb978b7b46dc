package io.meridian.sandbox.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link FaultProxy} does to the traffic through it. The kinds are the ways a remote cluster fails as seen from
 * a client, each with its own signature that a client's timeouts, retries and circuit breakers must tell apart:
 *
 * <ul>
 *   <li>{@link #HEALTHY}: traffic passes unchanged.
 *   <li>{@link #DOWN}: nothing listens; connecting is refused at once and open connections are cut.
 *   <li>{@link #slow(Duration)}: every chunk of bytes, each way, arrives that much later.
 *   <li>{@link #ERROR} (or {@link #error(int)}): every HTTP request is answered with a 5xx Kubernetes {@code Status}.
 *   <li>{@link #PARTITION}: connections are accepted and read, but nothing is ever answered nor closed; only a
 *       client-side timeout ends the wait.
 * </ul>
 */
public sealed interface FaultMode {

    FaultMode HEALTHY = new Healthy();
    FaultMode DOWN = new Down();
    FaultMode ERROR = new Erroring(503);
    FaultMode PARTITION = new Partitioned();

    /** Every chunk of bytes, in both directions, is delivered {@code latency} after it was read. */
    static FaultMode slow(Duration latency) {
        return new Slow(latency);
    }

    /** Every request is answered with {@code code}: 429, 500, 503 or 504. */
    static FaultMode error(int code) {
        return new Erroring(code);
    }

    /** Pass-through. */
    record Healthy() implements FaultMode {
        @Override
        public String toString() {
            return "HEALTHY";
        }
    }

    /** The port is closed: connection refused. */
    record Down() implements FaultMode {
        @Override
        public String toString() {
            return "DOWN";
        }
    }

    /** Added one-way latency. */
    record Slow(Duration latency) implements FaultMode {
        public Slow {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + latency);
            }
        }

        @Override
        public String toString() {
            return "SLOW(" + latency.toMillis() + "ms)";
        }
    }

    /** HTTP errors with a Kubernetes {@code Status} body. */
    record Erroring(int code) implements FaultMode {
        public Erroring {
            if (code != 429 && code != 500 && code != 503 && code != 504) {
                throw new IllegalArgumentException("an erroring server answers 429, 500, 503 or 504, not " + code);
            }
        }

        @Override
        public String toString() {
            return "ERROR(" + code + ")";
        }
    }

    /** Accepts and reads, never answers, never closes. */
    record Partitioned() implements FaultMode {
        @Override
        public String toString() {
            return "PARTITION";
        }
    }
}
