package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How divided replicas are spread. */
public enum ReplicaDivisionPreference {
    /** As few clusters as the capacity allows. */
    @JsonProperty("Aggregated")
    AGGREGATED,
    /** In proportion to weights. */
    @JsonProperty("Weighted")
    WEIGHTED
}
