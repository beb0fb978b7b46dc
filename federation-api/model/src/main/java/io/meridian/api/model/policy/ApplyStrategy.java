package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How member-sync writes objects to a member cluster. */
public enum ApplyStrategy {
    /** Server-side apply with field manager meridian; fields other managers own are kept. */
    @JsonProperty("ServerSideApply")
    SERVER_SIDE_APPLY,
    /**
     * Read, modify and replace, keeping fields the member owns such as spec.clusterIP or replicas
     * under a local autoscaler.
     */
    @JsonProperty("Update")
    UPDATE
}
