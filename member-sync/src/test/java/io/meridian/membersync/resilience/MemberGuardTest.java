package io.meridian.membersync.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemberGuardTest {

    private final MemberGuard guard = new MemberGuard(
            "us-east", new MemberGuard.Settings(Duration.ofMillis(200), 2, 50f, 4, Duration.ofSeconds(30)), null);

    @Test
    void aCallThatNeverAnswersCostsOnlyTheTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> guard.call("get", () -> {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }))
                .isInstanceOf(MemberUnavailableException.class)
                .hasMessageContaining("took longer than 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void repeatedConnectionFailuresOpenTheCircuitAndLaterCallsFailAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> guard.call("get", () -> {
                        attempts.incrementAndGet();
                        throw new KubernetesClientException("refused", new ConnectException("Connection refused"));
                    }))
                    .isInstanceOf(MemberUnavailableException.class);
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> guard.call("get", () -> attempts.incrementAndGet()))
                .isInstanceOf(MemberUnavailableException.class)
                .hasMessageContaining("circuit open");
        assertThat(attempts.get())
                .as("an open circuit does not call the member")
                .isEqualTo(4);
    }

    @Test
    void answersLikeNotFoundOrConflictAreTheMemberWorkingNormally() {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> guard.call("get", () -> {
                        throw new KubernetesClientException("not found", 404, null);
                    }))
                    .isInstanceOf(KubernetesClientException.class)
                    .isNotInstanceOf(MemberUnavailableException.class);
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void serverErrorsCountAgainstTheCircuit() {
        assertThat(MemberGuard.unwell(new KubernetesClientException("boom", 503, null)))
                .isTrue();
        assertThat(MemberGuard.unwell(new KubernetesClientException("conflict", 409, null)))
                .isFalse();
        assertThat(MemberGuard.unwell(new UncheckedIOException(new java.io.IOException("reset"))))
                .isTrue();
    }

    @Test
    void theBulkheadRefusesCallsBeyondItsLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(2);
        Thread a = Thread.ofVirtual()
                .start(() -> guard.call("slow", () -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
        Thread b = Thread.ofVirtual()
                .start(() -> guard.call("slow", () -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
        inside.await();
        assertThatThrownBy(() -> guard.call("third", () -> 1))
                .isInstanceOf(MemberUnavailableException.class)
                .hasMessageContaining("too many calls");
        release.countDown();
        a.join();
        b.join();
    }
}
