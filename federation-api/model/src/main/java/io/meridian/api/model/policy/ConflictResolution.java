package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What to do when an object to propagate already exists in a member cluster and Meridian does not
 * manage it.
 */
public enum ConflictResolution {
    /** Leave the member's object alone and report the conflict. */
    @JsonProperty("Abort")
    ABORT,
    /** Take the object over: apply with force and become its manager. */
    @JsonProperty("Overwrite")
    OVERWRITE
}
