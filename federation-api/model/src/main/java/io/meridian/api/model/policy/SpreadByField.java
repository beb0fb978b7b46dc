package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The cluster property that spread constraints group clusters by. */
public enum SpreadByField {
    /** Each cluster is its own group. */
    @JsonProperty("cluster")
    CLUSTER,
    /** Clusters are grouped by spec.region. */
    @JsonProperty("region")
    REGION,
    /** Clusters are grouped by spec.zone. */
    @JsonProperty("zone")
    ZONE
}
