package io.meridian.api.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How Works reach a member cluster. */
public enum SyncMode {
    /** The control plane connects to the member's API server and applies the Works itself. */
    @JsonProperty("Push")
    PUSH,
    /**
     * An agent inside the member cluster dials out to the federation API and applies its own Works.
     */
    @JsonProperty("Pull")
    PULL
}
