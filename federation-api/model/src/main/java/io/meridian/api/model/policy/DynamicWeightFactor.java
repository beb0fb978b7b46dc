package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where dynamic weights come from. */
public enum DynamicWeightFactor {
    /** Each cluster weighs as many replicas as its free capacity can hold. */
    @JsonProperty("AvailableReplicas")
    AVAILABLE_REPLICAS
}
