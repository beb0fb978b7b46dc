package io.meridian.api.model.meta;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The status of a {@link Condition}. */
public enum ConditionStatus {
    @JsonProperty("True")
    TRUE,
    @JsonProperty("False")
    FALSE,
    @JsonProperty("Unknown")
    UNKNOWN;

    /** {@code TRUE} or {@code FALSE}. */
    public static ConditionStatus of(boolean value) {
        return value ? TRUE : FALSE;
    }
}
