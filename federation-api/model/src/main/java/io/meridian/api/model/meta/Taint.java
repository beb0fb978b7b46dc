package io.meridian.api.model.meta;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.time.Instant;
import java.util.Objects;

/** A mark on a member cluster that repels workloads which do not tolerate it, as a Node taint. */
@ApiType
public record Taint(
        @JsonPropertyDescription("The taint key, a qualified name such as meridian.io/not-ready.")
        @Required
        @Pattern(Patterns.QUALIFIED_NAME)
        @Size(max = 316)
        String key,

        @JsonPropertyDescription("The taint value; may be empty.") @Size(max = 63)
        String value,

        @JsonPropertyDescription("The effect on workloads that do not tolerate the taint: NoSchedule,"
                + " PreferNoSchedule or NoExecute.")
        @Required
        TaintEffect effect,

        @JsonPropertyDescription(
                "When the taint was added; set for NoExecute taints, whose tolerations count from this time.")
        Instant timeAdded) {

    public Taint {
        value = ApiValues.text(value);
    }

    /** A taint with no value, added at {@code now}. */
    public static Taint of(String key, TaintEffect effect, Instant now) {
        return new Taint(key, null, effect, now);
    }

    /**
     * Whether {@code other} is the same taint: same key and effect, whatever the value and time.
     */
    public boolean sameAs(Taint other) {
        return other != null && Objects.equals(key, other.key) && effect == other.effect;
    }
}
