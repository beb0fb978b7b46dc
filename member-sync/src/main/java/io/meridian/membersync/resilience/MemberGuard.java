package io.meridian.membersync.resilience;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Every call to one member cluster goes through its guard: a time limiter (a partitioned member
 * that accepts connections and never answers costs at most the timeout), a bulkhead (at most so
 * many calls in flight, so a slow member cannot take every thread), and a circuit breaker (once
 * calls keep failing, further calls fail at once until a probe gets through). One guard per
 * cluster: one dead region never slows the others.
 *
 * <p>Only failures that say the member is unwell count against the circuit: I/O errors, timeouts
 * and 5xx answers. A 404 or a 409 is the member working normally.
 */
public final class MemberGuard implements AutoCloseable {

    /**
     * @param callTimeout the longest one call may take
     * @param maxConcurrentCalls calls in flight at once
     * @param failureRateThreshold percent of failed calls that opens the circuit
     * @param slidingWindow calls the failure rate is computed over
     * @param openDuration how long the circuit stays open before a probe is let through
     */
    public record Settings(
            Duration callTimeout,
            int maxConcurrentCalls,
            float failureRateThreshold,
            int slidingWindow,
            Duration openDuration) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), 16, 50f, 10, Duration.ofSeconds(5));
    }

    private final String cluster;
    private final Settings settings;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public MemberGuard(String cluster, Settings settings, MeterRegistry meters) {
        this.cluster = cluster;
        this.settings = settings;
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(Math.min(5, settings.slidingWindow()))
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(MemberGuard::unwell)
                .build());
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
        this.breaker = breakers.circuitBreaker("member-" + cluster);
        this.bulkhead = bulkheads.bulkhead("member-" + cluster);
        if (meters != null) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
            TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        }
    }

    /**
     * Runs {@code call} against the member within the guard.
     *
     * @throws MemberUnavailableException when the circuit is open, the bulkhead full, or the call
     *     timed out or failed with an I/O error
     * @throws KubernetesClientException when the member answered with an error (4xx, 5xx)
     */
    public <T> T call(String operation, Supplier<T> call) {
        try {
            return breaker.executeCallable(() -> bulkhead.executeCallable(() -> withTimeout(call)));
        } catch (CallNotPermittedException e) {
            throw new MemberUnavailableException(cluster, "circuit open after repeated failures", e);
        } catch (BulkheadFullException e) {
            throw new MemberUnavailableException(cluster, "too many calls in flight", e);
        } catch (TimeoutException e) {
            throw new MemberUnavailableException(
                    cluster,
                    operation + " took longer than " + settings.callTimeout().toMillis() + " ms",
                    e);
        } catch (KubernetesClientException e) {
            if (unwell(e)) {
                throw new MemberUnavailableException(cluster, operation + " failed: " + describe(e), e);
            }
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MemberUnavailableException(cluster, operation + " failed: " + e, e);
        }
    }

    public void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    private <T> T withTimeout(Supplier<T> call) throws Exception {
        Future<T> future = executor.submit(call::get);
        try {
            return future.get(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    public boolean isOpen() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    /** Failures that mean the member is unwell (and count against its circuit). */
    static boolean unwell(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() >= 500) {
                return true;
            }
            if (t instanceof KubernetesClientException k && k.getCode() >= 400) {
                return false;
            }
            if (t instanceof IOException
                    || t instanceof TimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof ConnectException) {
                return true;
            }
        }
        return e instanceof KubernetesClientException k && k.getCode() == 0;
    }

    private static String describe(KubernetesClientException e) {
        return e.getCode() > 0 ? e.getCode() + " " + e.getMessage() : String.valueOf(e.getMessage());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
