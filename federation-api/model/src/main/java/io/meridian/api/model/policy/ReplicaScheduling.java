package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.meridian.api.model.meta.ApiType;

/** How the replicas of a workload are distributed over the chosen clusters. */
@ApiType
public record ReplicaScheduling(
        @JsonPropertyDescription("Duplicated: every cluster runs all replicas. Divided: the replicas are divided"
                + " among the clusters. Defaults to Duplicated.")
        @Default("Duplicated")
        ReplicaSchedulingType replicaSchedulingType,

        @JsonPropertyDescription("For Divided: Aggregated fills as few clusters as capacity allows; Weighted (the"
                + " default) divides by weightPreference.")
        @Default("Weighted")
        ReplicaDivisionPreference replicaDivisionPreference,

        @JsonPropertyDescription("For Divided and Weighted: the weights.")
        WeightPreference weightPreference) {

    /** Every cluster runs all replicas. */
    public static ReplicaScheduling duplicated() {
        return new ReplicaScheduling(ReplicaSchedulingType.DUPLICATED, null, null);
    }

    /** Replicas divided by fixed weights. */
    public static ReplicaScheduling weighted(java.util.List<StaticClusterWeight> weights) {
        return new ReplicaScheduling(
                ReplicaSchedulingType.DIVIDED, ReplicaDivisionPreference.WEIGHTED, new WeightPreference(weights, null));
    }

    /** Replicas divided in proportion to each cluster's free capacity. */
    public static ReplicaScheduling byAvailableReplicas() {
        return new ReplicaScheduling(
                ReplicaSchedulingType.DIVIDED,
                ReplicaDivisionPreference.WEIGHTED,
                new WeightPreference(null, DynamicWeightFactor.AVAILABLE_REPLICAS));
    }
}
