package io.meridian.api.model.drill;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.meridian.api.model.meta.ApiType;

/**
 * What the federation must achieve, and how fast, for the drill to pass. Unset criteria are not
 * checked.
 */
@ApiType
public record SuccessCriteria(
        @JsonPropertyDescription("Every selected workload is healthy on clusters outside the target within this"
                + " many seconds of the fault.")
        @Min(1)
        Integer workloadsReadyWithinSeconds,

        @JsonPropertyDescription("Every global DNS name stops answering with the target's endpoints within this"
                + " many seconds of the fault.")
        @Min(1)
        Integer dnsWithdrawnWithinSeconds) {}
