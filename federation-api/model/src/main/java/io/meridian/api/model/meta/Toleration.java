package io.meridian.api.model.meta;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * Lets a workload be placed on, or stay on, a cluster with a matching taint, in the shape of a
 * Pod's toleration.
 */
@ApiType
@ValidationRule(
        value = "!has(self.operator) || self.operator != 'Exists' || !has(self.value) || self.value == ''",
        message = "value must be empty when operator is Exists")
@ValidationRule(
        value = "(has(self.key) && self.key != '') || (has(self.operator) && self.operator == 'Exists')",
        message = "an empty key requires operator Exists")
public record Toleration(
        @JsonPropertyDescription("The taint key to tolerate; empty with operator Exists tolerates every taint.")
        String key,

        @JsonPropertyDescription("Exists tolerates any value of the key; Equal (the default) only the given value.")
        TolerationOperator operator,

        @JsonPropertyDescription("The taint value to tolerate with operator Equal.")
        String value,

        @JsonPropertyDescription("The taint effect to tolerate; empty tolerates every effect.")
        TaintEffect effect,

        @JsonPropertyDescription("For NoExecute taints only: how long the workload stays on the tainted cluster"
                + " after the taint was added. Absent means for ever; zero or less means not at all.")
        Long tolerationSeconds) {

    public Toleration {
        key = ApiValues.text(key);
        value = ApiValues.text(value);
    }

    /** Tolerates {@code key} with any value and effect, for ever. */
    public static Toleration exists(String key) {
        return new Toleration(key, TolerationOperator.EXISTS, null, null, null);
    }

    /**
     * Whether this toleration matches {@code taint}, by the rules of Kubernetes' ToleratesTaint.
     */
    public boolean tolerates(Taint taint) {
        if (effect != null && effect != taint.effect()) {
            return false;
        }
        if (key != null && !key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        if (operator == TolerationOperator.EXISTS) {
            return true;
        }
        return Objects.equals(emptyIfNull(value), emptyIfNull(taint.value()));
    }

    private static String emptyIfNull(String s) {
        return s == null ? "" : s;
    }
}
