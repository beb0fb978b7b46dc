package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;

/** A weight for the clusters of a set, when dividing replicas. */
@ApiType
public record StaticClusterWeight(
        @JsonPropertyDescription("The clusters this weight applies to.") @Required
        ClusterAffinity targetCluster,

        @JsonPropertyDescription("The weight, at least 1; a cluster matched by several entries takes the first.")
        @Required
        @Min(1)
        Integer weight) {}
