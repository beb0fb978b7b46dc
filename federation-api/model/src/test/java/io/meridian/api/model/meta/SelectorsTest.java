package io.meridian.api.model.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorsTest {

    private static final Map<String, String> LABELS = Map.of("tier", "gold", "env", "prod");

    @Test
    void emptySelectorMatchesEverything() {
        assertThat(new LabelSelector(null, null).matches(LABELS)).isTrue();
        assertThat(new LabelSelector(null, null).matches(null)).isTrue();
    }

    @Test
    void matchLabelsNeedEveryPairExactly() {
        assertThat(LabelSelector.of(Map.of("tier", "gold")).matches(LABELS)).isTrue();
        assertThat(LabelSelector.of(Map.of("tier", "gold", "env", "dev")).matches(LABELS))
                .isFalse();
        assertThat(LabelSelector.of(Map.of("zone", "a")).matches(LABELS)).isFalse();
    }

    @Test
    void expressionsFollowKubernetesSemantics() {
        assertThat(expr("tier", LabelSelectorOperator.IN, "gold", "silver").matches(LABELS))
                .isTrue();
        assertThat(expr("tier", LabelSelectorOperator.IN, "silver").matches(LABELS))
                .isFalse();
        assertThat(expr("zone", LabelSelectorOperator.IN, "a").matches(LABELS)).isFalse();
        assertThat(expr("tier", LabelSelectorOperator.NOT_IN, "silver").matches(LABELS))
                .isTrue();
        assertThat(expr("zone", LabelSelectorOperator.NOT_IN, "a").matches(LABELS))
                .as("NotIn matches an absent key")
                .isTrue();
        assertThat(expr("env", LabelSelectorOperator.EXISTS).matches(LABELS)).isTrue();
        assertThat(expr("zone", LabelSelectorOperator.DOES_NOT_EXIST).matches(LABELS))
                .isTrue();
        assertThat(expr("env", LabelSelectorOperator.DOES_NOT_EXIST).matches(LABELS))
                .isFalse();
    }

    @Test
    void labelsAndExpressionsMustAllHold() {
        LabelSelector selector = new LabelSelector(
                Map.of("tier", "gold"),
                List.of(new LabelSelectorRequirement("env", LabelSelectorOperator.IN, List.of("dev"))));
        assertThat(selector.matches(LABELS)).isFalse();
    }

    @Test
    void tolerationsFollowKubernetesToleratesTaint() {
        Instant now = Instant.parse("2025-05-01T10:00:00Z");
        Taint unreachable = Taint.of("meridian.io/unreachable", TaintEffect.NO_EXECUTE, now);
        Taint maintenance = new Taint("maintenance", "planned", TaintEffect.NO_SCHEDULE, null);

        assertThat(Toleration.exists("meridian.io/unreachable").tolerates(unreachable))
                .isTrue();
        assertThat(Toleration.exists("meridian.io/unreachable").tolerates(maintenance))
                .isFalse();
        assertThat(new Toleration(null, TolerationOperator.EXISTS, null, null, null).tolerates(maintenance))
                .as("an empty key with Exists tolerates everything")
                .isTrue();
        assertThat(new Toleration("maintenance", TolerationOperator.EQUAL, "planned", null, null)
                        .tolerates(maintenance))
                .isTrue();
        assertThat(new Toleration("maintenance", null, "planned", null, null).tolerates(maintenance))
                .as("the operator defaults to Equal")
                .isTrue();
        assertThat(new Toleration("maintenance", TolerationOperator.EQUAL, "urgent", null, null).tolerates(maintenance))
                .isFalse();
        assertThat(new Toleration("maintenance", TolerationOperator.EXISTS, null, TaintEffect.NO_EXECUTE, null)
                        .tolerates(maintenance))
                .as("a toleration for another effect")
                .isFalse();
        assertThat(new Toleration("meridian.io/unreachable", TolerationOperator.EQUAL, null, null, 300L)
                        .tolerates(unreachable))
                .as("an absent value equals the empty value")
                .isTrue();
    }

    @Test
    void taintsAreTheSameByKeyAndEffect() {
        Taint a = new Taint("k", "v1", TaintEffect.NO_EXECUTE, Instant.EPOCH);
        assertThat(a.sameAs(new Taint("k", "v2", TaintEffect.NO_EXECUTE, null))).isTrue();
        assertThat(a.sameAs(new Taint("k", "v1", TaintEffect.NO_SCHEDULE, Instant.EPOCH)))
                .isFalse();
    }

    private static LabelSelector expr(String key, LabelSelectorOperator operator, String... values) {
        return new LabelSelector(null, List.of(new LabelSelectorRequirement(key, operator, List.of(values))));
    }
}
