package io.meridian.api.model.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2025-05-01T10:05:00Z");

    @Test
    void setAppendsANewType() {
        List<Condition> conditions =
                Conditions.set(List.of(), Condition.of("Ready", ConditionStatus.TRUE, "Ok", "", T0));
        conditions = Conditions.set(conditions, Condition.of("Reachable", ConditionStatus.TRUE, "Ok", "", T0));

        assertThat(conditions).extracting(Condition::type).containsExactly("Ready", "Reachable");
        assertThat(Conditions.isTrue(conditions, "Ready")).isTrue();
    }

    @Test
    void unchangedStatusKeepsTheTransitionTimeButTakesTheNewDetails() {
        List<Condition> before = List.of(Condition.of("Ready", ConditionStatus.FALSE, "Down", "first", T0));

        List<Condition> after = Conditions.set(
                before,
                Condition.of("Ready", ConditionStatus.FALSE, "HeartbeatExpired", "second", T1)
                        .withObservedGeneration(4L));

        Condition ready = Conditions.find(after, "Ready").orElseThrow();
        assertThat(ready.lastTransitionTime()).isEqualTo(T0);
        assertThat(ready.reason()).isEqualTo("HeartbeatExpired");
        assertThat(ready.message()).isEqualTo("second");
        assertThat(ready.observedGeneration()).isEqualTo(4L);
        assertThat(after).hasSize(1);
    }

    @Test
    void aFlipMovesTheTransitionTime() {
        List<Condition> before = List.of(Condition.of("Ready", ConditionStatus.FALSE, "Down", "", T0));

        List<Condition> after = Conditions.set(before, Condition.of("Ready", ConditionStatus.TRUE, "Up", "", T1));

        assertThat(Conditions.find(after, "Ready").orElseThrow().lastTransitionTime())
                .isEqualTo(T1);
        assertThat(Conditions.isFalse(after, "Ready")).isFalse();
    }

    @Test
    void absentConditionsAreUnknown() {
        assertThat(Conditions.status(null, "Ready")).isEqualTo(ConditionStatus.UNKNOWN);
        assertThat(Conditions.isTrue(List.of(), "Ready")).isFalse();
        assertThat(Conditions.find(null, "Ready")).isEmpty();
    }

    @Test
    void removeDropsOnlyThatType() {
        List<Condition> conditions = List.of(
                Condition.of("Ready", ConditionStatus.TRUE, "Ok", "", T0),
                Condition.of("Reachable", ConditionStatus.TRUE, "Ok", "", T0));

        assertThat(Conditions.remove(conditions, "Ready"))
                .extracting(Condition::type)
                .containsExactly("Reachable");
        assertThat(Conditions.remove(null, "Ready")).isEmpty();
    }

    @Test
    void sameStateIgnoresOnlyTheTransitionTime() {
        Condition a = Condition.of("Ready", ConditionStatus.TRUE, "Ok", "m", T0);
        assertThat(a.sameStateAs(Condition.of("Ready", ConditionStatus.TRUE, "Ok", "m", T1)))
                .isTrue();
        assertThat(a.sameStateAs(Condition.of("Ready", ConditionStatus.TRUE, "Ok", "other", T0)))
                .isFalse();
        assertThat(a.sameStateAs(a.withObservedGeneration(2L))).isFalse();
    }
}
