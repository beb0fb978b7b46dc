package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON patch (RFC 6902) operations an override may use. */
public enum PatchOperation {
    /** Add a value at the path; in an array, insert before the index. */
    @JsonProperty("add")
    ADD,
    /** Remove the value at the path. */
    @JsonProperty("remove")
    REMOVE,
    /** Replace the value at the path, which must exist. */
    @JsonProperty("replace")
    REPLACE
}
