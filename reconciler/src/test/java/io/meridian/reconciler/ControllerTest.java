package io.meridian.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ControllerTest {

    @Test
    void failedReconcilesAreRetriedUntilTheySucceed() {
        AtomicInteger attempts = new AtomicInteger();
        Map<String, Boolean> converged = new ConcurrentHashMap<>();
        try (Controller<String> c = Controller.<String>builder("flaky", key -> {
                    if (attempts.incrementAndGet() < 4) {
                        throw new IllegalStateException("not yet");
                    }
                    converged.put(key, true);
                    return Result.DONE;
                })
                .queueSettings(new WorkQueue.Settings(Duration.ofMillis(5), Duration.ofMillis(100), 1000, 1000))
                .build()) {
            c.start();
            c.enqueue("x");
            await().atMost(Duration.ofSeconds(5)).until(() -> converged.containsKey("x"));
            assertThat(attempts.get()).isEqualTo(4);
        }
    }

    @Test
    void aResultCanAskForAnotherLookLater() {
        AtomicInteger calls = new AtomicInteger();
        try (Controller<String> c = Controller.<String>builder(
                        "periodic",
                        key -> calls.incrementAndGet() < 3 ? Result.requeueAfter(Duration.ofMillis(20)) : Result.DONE)
                .build()) {
            c.start();
            c.enqueue("x");
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 3);
        }
    }

    @Test
    void oneKeyIsNeverReconciledConcurrently() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        try (Controller<String> c = Controller.<String>builder("serial", key -> {
                    int now = inFlight.incrementAndGet();
                    maxInFlight.accumulateAndGet(now, Math::max);
                    Thread.sleep(5);
                    inFlight.decrementAndGet();
                    done.incrementAndGet();
                    return Result.DONE;
                })
                .workers(8)
                .build()) {
            c.start();
            for (int i = 0; i < 200; i++) {
                c.enqueue("same");
                Thread.onSpinWait();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> done.get() >= 1 && inFlight.get() == 0);
            assertThat(maxInFlight.get()).isEqualTo(1);
        }
    }
}
