package io.meridian.api.model.drill;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.GoDuration;
import io.meridian.api.model.meta.LabelSelector;
import io.meridian.api.model.meta.Patterns;
import java.time.Duration;

/** A fault to inject, for how long, and what must happen for the federation to pass. */
@ApiType
public record FailoverDrillSpec(
        @JsonPropertyDescription("The cluster or region to fail.") @Required
        DrillTarget target,

        @JsonPropertyDescription("Cordon, TaintNoExecute or SimulateOutage.") @Required
        DrillAction action,

        @JsonPropertyDescription(
                "How long the fault stays before it is removed, as a Go duration such as 10m. Defaults to 5m.")
        @Pattern(Patterns.GO_DURATION)
        @Default("5m")
        String duration,

        @JsonPropertyDescription("The criteria for a pass; absent means the drill only records its timeline.")
        SuccessCriteria successCriteria,

        @JsonPropertyDescription("A label query over the federated workloads to watch; absent means every"
                + " workload placed on the target.")
        LabelSelector selector) {

    public FailoverDrillSpec {
        duration = ApiValues.text(duration);
    }

    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(5);

    /**
     * {@code duration} as a {@link Duration}, or five minutes when absent.
     *
     * @throws IllegalArgumentException if it is not a Go duration
     */
    public Duration durationValue() {
        return duration == null ? DEFAULT_DURATION : GoDuration.parse(duration);
    }
}
