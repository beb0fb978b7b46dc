package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether each chosen cluster runs all replicas or a share of them. */
public enum ReplicaSchedulingType {
    /** Every chosen cluster runs the full replica count. */
    @JsonProperty("Duplicated")
    DUPLICATED,
    /** The replica count is divided among the chosen clusters. */
    @JsonProperty("Divided")
    DIVIDED
}
