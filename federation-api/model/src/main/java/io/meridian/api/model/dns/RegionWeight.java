package io.meridian.api.model.dns;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;

/** The share of answers one region gets under the Weighted strategy. */
@ApiType
public record RegionWeight(
        @JsonPropertyDescription("The region (Cluster spec.region).") @Required
        String region,

        @JsonPropertyDescription("The weight, 0 to 1000; 0 drains the region without withdrawing it.")
        @Required
        @Min(0)
        @Max(1000)
        Integer weight) {}
