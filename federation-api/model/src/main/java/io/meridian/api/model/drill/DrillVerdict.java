package io.meridian.api.model.drill;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the federation met the drill's success criteria. */
public enum DrillVerdict {
    /** Every criterion was met in time. */
    @JsonProperty("Passed")
    PASSED,
    /** At least one criterion was missed. */
    @JsonProperty("Failed")
    FAILED
}
