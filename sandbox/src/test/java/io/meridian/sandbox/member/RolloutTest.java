package io.meridian.sandbox.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How pods come up over time, as the simulated controllers report it. */
class RolloutTest {

    private static final Duration DELAY = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void newPodsBecomeReadyAfterTheDelay() {
        Rollout r = Rollout.fresh();

        Rollout.Progress starting = r.observe("a", 3, false, T0, DELAY);
        assertThat(starting.ready()).isZero();
        assertThat(starting.updated()).isZero();
        assertThat(starting.complete()).isFalse();
        assertThat(starting.settlesAt()).isEqualTo(T0.plus(DELAY));

        assertThat(r.observe("a", 3, false, T0.plusSeconds(9), DELAY).ready()).isZero();

        Rollout.Progress done = r.observe("a", 3, false, T0.plus(DELAY), DELAY);
        assertThat(done.ready()).isEqualTo(3);
        assertThat(done.updated()).isEqualTo(3);
        assertThat(done.complete()).isTrue();
        assertThat(done.settlesAt()).isNull();
    }

    @Test
    void observingTheSameWishAgainChangesNothing() {
        Rollout r = Rollout.fresh();
        r.observe("a", 2, false, T0, DELAY);
        // Seen again later: the delay still counts from the first sighting.
        Rollout.Progress again = r.observe("a", 2, false, T0.plusSeconds(5), DELAY);
        assertThat(again.settlesAt()).isEqualTo(T0.plus(DELAY));
        assertThat(r.observe("a", 2, false, T0.plus(DELAY), DELAY))
                .isEqualTo(r.observe("a", 2, false, T0.plus(DELAY), DELAY));
    }

    @Test
    void scalingUpKeepsTheReadyPodsAndScalingDownIsImmediate() {
        Rollout r = settled("a", 3);
        Instant t1 = T0.plusSeconds(100);

        Rollout.Progress up = r.observe("a", 5, false, t1, DELAY);
        assertThat(up.ready()).isEqualTo(3);
        assertThat(up.updated()).isEqualTo(5);
        assertThat(up.complete()).isFalse();
        assertThat(r.observe("a", 5, false, t1.plus(DELAY), DELAY).ready()).isEqualTo(5);

        Rollout.Progress down = r.observe("a", 2, false, t1.plusSeconds(50), DELAY);
        assertThat(down.ready()).isEqualTo(2);
        assertThat(down.complete()).isTrue();

        // The pods removed by scaling down do not come back ready when scaling up again.
        Rollout.Progress upAgain = r.observe("a", 4, false, t1.plusSeconds(51), DELAY);
        assertThat(upAgain.ready()).isEqualTo(2);
    }

    @Test
    void aNewTemplateRollsOutWhileTheOldPodsServe() {
        Rollout r = settled("a", 2);
        Instant t1 = T0.plusSeconds(100);

        Rollout.Progress rolling = r.observe("b", 2, false, t1, DELAY);
        assertThat(rolling.ready()).isEqualTo(2);
        assertThat(rolling.updated()).isZero();
        assertThat(rolling.template()).isEqualTo("b");
        assertThat(rolling.readyTemplate()).isEqualTo("a");
        assertThat(rolling.complete()).isFalse();

        Rollout.Progress done = r.observe("b", 2, false, t1.plus(DELAY), DELAY);
        assertThat(done.updated()).isEqualTo(2);
        assertThat(done.readyTemplate()).isEqualTo("b");
        assertThat(done.complete()).isTrue();
    }

    @Test
    void aBrokenTemplateNeverBecomesReadyAndStallsAfterTheDelay() {
        Rollout r = Rollout.fresh();
        r.observe("bad", 2, true, T0, DELAY);

        Rollout.Progress later = r.observe("bad", 2, true, T0.plus(DELAY.multipliedBy(5)), DELAY);
        assertThat(later.ready()).isZero();
        assertThat(later.complete()).isFalse();
        assertThat(later.stalled()).isTrue();
        assertThat(later.settlesAt()).isNull();

        Rollout serving = settled("good", 3);
        Rollout.Progress broken =
                serving.observe("bad", 3, true, T0.plusSeconds(100).plus(DELAY), DELAY);
        assertThat(broken.ready()).as("old pods keep serving").isEqualTo(3);
    }

    @Test
    void zeroReplicasIsCompleteAtOnce() {
        Rollout.Progress p = Rollout.fresh().observe("a", 0, false, T0, DELAY);
        assertThat(p.complete()).isTrue();
        assertThat(p.settlesAt()).isNull();
    }

    @Test
    void resumingFromASettledStatusIsReadyAtOnce() {
        Rollout r = Rollout.resume("a", 3, true, 3);
        Rollout.Progress p = r.observe("a", 3, false, T0, DELAY);
        assertThat(p.ready()).isEqualTo(3);
        assertThat(p.complete()).isTrue();

        Rollout partial = Rollout.resume("a", 3, false, 1);
        Rollout.Progress q = partial.observe("a", 3, false, T0, DELAY);
        assertThat(q.ready()).isEqualTo(1);
        assertThat(q.complete()).isFalse();
        assertThat(partial.observe("a", 3, false, T0.plus(DELAY), DELAY).ready())
                .isEqualTo(3);
    }

    private static Rollout settled(String template, int replicas) {
        Rollout r = Rollout.fresh();
        r.observe(template, replicas, false, T0, DELAY);
        r.observe(template, replicas, false, T0.plus(DELAY), DELAY);
        return r;
    }
}
