package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether an applied object does its job, as judged by the resource interpreter for its kind. */
public enum ResourceHealth {
    /** The object is ready: for example all replicas of a Deployment are available. */
    @JsonProperty("Healthy")
    HEALTHY,
    /** The object exists but is not ready. */
    @JsonProperty("Unhealthy")
    UNHEALTHY,
    /** Health cannot be told: the kind has no health rule, or the member's state is unknown. */
    @JsonProperty("Unknown")
    UNKNOWN
}
