package io.meridian.reconciler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * client-go's rate-limited work queue: a key is queued at most once however many events name it,
 * is never handed to two workers at once (a key re-added while being processed is processed again
 * afterwards), and failures come back after a per-key exponential backoff (5 ms doubling to 1000 s),
 * capped overall by a token bucket so that a storm of failures cannot flood the API server.
 *
 * @param <K> the key type
 */
public final class WorkQueue<K> {

    /** Backoff and rate settings; the defaults are client-go's. */
    public record Settings(Duration baseDelay, Duration maxDelay, double qps, int burst) {
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(5), Duration.ofSeconds(1000), 10, 100);
    }

    private record Delayed<K>(K key, long readyAtNanos) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<K> ready = new ArrayDeque<>();
    private final Set<K> queued = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Set<K> dirtyWhileProcessing = new HashSet<>();
    private final PriorityQueue<Delayed<K>> waiting =
            new PriorityQueue<>((a, b) -> Long.compare(a.readyAtNanos(), b.readyAtNanos()));
    private final Map<K, Integer> failures = new HashMap<>();
    private final Settings settings;
    private double tokens;
    private long lastRefill = System.nanoTime();
    private boolean shutdown;

    public WorkQueue(Settings settings) {
        this.settings = settings;
        this.tokens = settings.burst();
    }

    public WorkQueue() {
        this(Settings.DEFAULT);
    }

    /** Queues {@code key} now. */
    public void add(K key) {
        lock.lock();
        try {
            if (shutdown) {
                return;
            }
            if (processing.contains(key)) {
                dirtyWhileProcessing.add(key);
                return;
            }
            if (queued.add(key)) {
                ready.addLast(key);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} after {@code delay}; an earlier add wins. */
    public void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shutdown) {
                return;
            }
            waiting.add(new Delayed<>(key, System.nanoTime() + delay.toNanos()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} after its backoff grows by one failure, and after the overall rate limit. */
    public void addRateLimited(K key) {
        Duration delay;
        lock.lock();
        try {
            int n = failures.merge(key, 1, Integer::sum);
            long perKey = settings.baseDelay().toNanos() << Math.min(n - 1, 40);
            perKey = Math.min(
                    perKey < 0 ? Long.MAX_VALUE : perKey, settings.maxDelay().toNanos());
            long bucket = reserveToken();
            delay = Duration.ofNanos(Math.max(perKey, bucket));
        } finally {
            lock.unlock();
        }
        addAfter(key, delay);
    }

    /** How many times {@code key} has failed since it last succeeded. */
    public int failures(K key) {
        lock.lock();
        try {
            return failures.getOrDefault(key, 0);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code key}'s failures: its next failure starts from the base delay again. */
    public void forget(K key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next key, waiting up to {@code timeout}; null on timeout or shutdown. The caller
     * must call {@link #done} when finished with it.
     */
    public K take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                promoteDue();
                if (shutdown) {
                    return null;
                }
                K key = ready.pollFirst();
                if (key != null) {
                    queued.remove(key);
                    processing.add(key);
                    return key;
                }
                long now = System.nanoTime();
                long wait = deadline - now;
                if (wait <= 0) {
                    return null;
                }
                Delayed<K> next = waiting.peek();
                if (next != null) {
                    wait = Math.min(wait, Math.max(0, next.readyAtNanos() - now));
                }
                changed.awaitNanos(Math.max(wait, 1));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Marks {@code key} as processed; if it was added meanwhile, it is queued again. */
    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirtyWhileProcessing.remove(key) && !shutdown && queued.add(key)) {
                ready.addLast(key);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    public int depth() {
        lock.lock();
        try {
            return ready.size() + waiting.size();
        } finally {
            lock.unlock();
        }
    }

    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void promoteDue() {
        long now = System.nanoTime();
        while (!waiting.isEmpty() && waiting.peek().readyAtNanos() <= now) {
            K key = waiting.poll().key();
            if (processing.contains(key)) {
                dirtyWhileProcessing.add(key);
            } else if (queued.add(key)) {
                ready.addLast(key);
            }
        }
    }

    /** Token bucket: how long until a token is free (0 when one is free now); takes it. */
    private long reserveToken() {
        long now = System.nanoTime();
        tokens = Math.min(settings.burst(), tokens + (now - lastRefill) / 1e9 * settings.qps());
        lastRefill = now;
        tokens -= 1;
        if (tokens >= 0) {
            return 0;
        }
        return (long) (-tokens / settings.qps() * TimeUnit.SECONDS.toNanos(1));
    }
}
