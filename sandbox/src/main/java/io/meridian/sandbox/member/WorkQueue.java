package io.meridian.sandbox.member;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deduplicating work queue with one worker, in the manner of client-go's: informer handlers only add keys; a key
 * added again while it waits is processed once; a key that fails comes back with exponential backoff (50 ms to 5 s).
 * One worker, because a simulated cluster's load is small and one writer per cluster never races itself.
 */
final class WorkQueue<K> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

    private final ScheduledExecutorService executor;
    private final Consumer<K> worker;
    private final Set<K> waiting = ConcurrentHashMap.newKeySet();
    private final Map<K, Integer> failures = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean closed;

    WorkQueue(String name, Consumer<K> worker) {
        this.worker = worker;
        this.executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon().factory());
    }

    /** Starts processing; keys added before wait until now (so that every cache is full first). */
    void start() {
        started = true;
        waiting.forEach(this::submit);
    }

    void add(K key) {
        if (closed || !waiting.add(key)) {
            return;
        }
        if (started) {
            submit(key);
        }
    }

    private void submit(K key) {
        try {
            executor.execute(() -> run(key));
        } catch (RejectedExecutionException e) {
            waiting.remove(key); // closing
        }
    }

    void addAfter(K key, Duration delay) {
        if (closed) {
            return;
        }
        long millis = Math.max(1, delay.toMillis());
        try {
            executor.schedule(() -> add(key), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Runs {@code task} on the worker, in turn with the keys. */
    void every(Duration period, Runnable task) {
        executor.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(K key) {
        if (!waiting.remove(key)) {
            return; // submitted twice while starting; already done
        }
        if (closed) {
            return;
        }
        try {
            worker.accept(key);
            failures.remove(key);
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            int n = failures.merge(key, 1, Integer::sum);
            long backoff = Math.min(5_000, 50L << Math.min(n - 1, 7));
            if (n == 1 || n % 20 == 0) {
                log.warn("{} failed ({} times), retrying in {} ms: {}", key, n, backoff, e.toString());
            }
            addAfter(key, Duration.ofMillis(backoff));
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
