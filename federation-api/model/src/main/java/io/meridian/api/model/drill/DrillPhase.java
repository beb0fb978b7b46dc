package io.meridian.api.model.drill;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a drill is in its life. */
public enum DrillPhase {
    /** Accepted, not started. */
    @JsonProperty("Pending")
    PENDING,
    /** The fault is in place and the drill is measuring. */
    @JsonProperty("Running")
    RUNNING,
    /** The duration is over or the criteria are decided; the fault is being removed. */
    @JsonProperty("Restoring")
    RESTORING,
    /** The fault is removed and the verdict is set. */
    @JsonProperty("Completed")
    COMPLETED,
    /** The drill could not run or could not restore; the message says why. */
    @JsonProperty("Failed")
    FAILED
}
