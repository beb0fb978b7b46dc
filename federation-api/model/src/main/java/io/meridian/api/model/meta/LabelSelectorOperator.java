package io.meridian.api.model.meta;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a {@link LabelSelectorRequirement} relates a label's key to its values. */
public enum LabelSelectorOperator {
    @JsonProperty("In")
    IN,
    @JsonProperty("NotIn")
    NOT_IN,
    @JsonProperty("Exists")
    EXISTS,
    @JsonProperty("DoesNotExist")
    DOES_NOT_EXIST
}
