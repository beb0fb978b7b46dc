package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a workload leaves a cluster it is moved away from. */
public enum PurgeMode {
    /** The old copy stays until the new copies are healthy elsewhere, or the grace period ends. */
    @JsonProperty("Graceful")
    GRACEFUL,
    /** The old copy is removed at once. */
    @JsonProperty("Immediate")
    IMMEDIATE
}
