package io.meridian.api.model.meta;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a {@link Toleration} compares with a taint's value. */
public enum TolerationOperator {
    /** Any value of the key is tolerated. */
    @JsonProperty("Exists")
    EXISTS,
    /** Only the given value is tolerated. */
    @JsonProperty("Equal")
    EQUAL
}
