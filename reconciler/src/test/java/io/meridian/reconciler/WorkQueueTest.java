package io.meridian.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private final WorkQueue<String> queue = new WorkQueue<>();

    @Test
    void aKeyIsQueuedOnceHoweverOftenItIsAdded() throws Exception {
        queue.add("a");
        queue.add("a");
        queue.add("b");
        assertThat(queue.take(Duration.ZERO)).isEqualTo("a");
        assertThat(queue.take(Duration.ZERO)).isEqualTo("b");
        assertThat(queue.take(Duration.ofMillis(10))).isNull();
    }

    @Test
    void aKeyAddedWhileBeingProcessedComesBackOnlyAfterDone() throws Exception {
        queue.add("a");
        String taken = queue.take(Duration.ZERO);
        queue.add("a");
        assertThat(queue.take(Duration.ofMillis(20)))
                .as("never to two workers at once")
                .isNull();
        queue.done(taken);
        assertThat(queue.take(Duration.ofMillis(20))).isEqualTo("a");
    }

    @Test
    void delayedKeysWaitTheirTurn() throws Exception {
        queue.addAfter("late", Duration.ofMillis(150));
        long start = System.nanoTime();
        assertThat(queue.take(Duration.ofSeconds(2))).isEqualTo("late");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
    }

    @Test
    void failuresBackOffExponentiallyAndForgettingResetsThem() throws Exception {
        WorkQueue<String> q =
                new WorkQueue<>(new WorkQueue.Settings(Duration.ofMillis(40), Duration.ofSeconds(10), 1000, 1000));
        q.addRateLimited("k");
        q.addRateLimited("k");
        q.addRateLimited("k");
        assertThat(q.failures("k")).isEqualTo(3);
        // the third failure waits 40 ms * 2^2 = 160 ms; the earlier ones collapse into the same key
        long start = System.nanoTime();
        assertThat(q.take(Duration.ofSeconds(2))).isEqualTo("k");
        q.done("k");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        q.forget("k");
        assertThat(q.failures("k")).isZero();
    }

    @Test
    void theTokenBucketCapsTheOverallRetryRate() throws Exception {
        WorkQueue<Integer> q = new WorkQueue<>(new WorkQueue.Settings(Duration.ofNanos(1), Duration.ofNanos(1), 20, 1));
        for (int i = 0; i < 5; i++) {
            q.addRateLimited(i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Integer k = q.take(Duration.ofSeconds(2));
            assertThat(k).isNotNull();
            q.done(k);
        }
        // one token at once, then one every 50 ms: at least 4 * 50 ms for five retries
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(180));
    }

    @Test
    void shutdownReleasesWaitingWorkers() throws Exception {
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.shutdown();
        });
        assertThat(queue.take(Duration.ofSeconds(5))).isNull();
        t.join();
    }
}
