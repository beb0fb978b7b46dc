package io.meridian.api.model.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.meridian.api.model.meta.ApiType;

/** How many nodes a member cluster has, and how many of them are Ready. */
@ApiType
public record NodeSummary(
        @JsonPropertyDescription("The number of nodes.") @Min(0)
        Integer total,

        @JsonPropertyDescription("The number of nodes whose Ready condition is True.") @Min(0)
        Integer ready) {}
