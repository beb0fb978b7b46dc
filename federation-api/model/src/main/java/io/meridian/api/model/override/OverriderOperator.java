package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an overrider does with its value. */
public enum OverriderOperator {
    /** Add the value (for maps and lists), or set it where nothing is set. */
    @JsonProperty("add")
    ADD,
    /** Remove the value: keys of a map, items of a list, or the field. */
    @JsonProperty("remove")
    REMOVE,
    /** Replace what is there with the value. */
    @JsonProperty("replace")
    REPLACE
}
