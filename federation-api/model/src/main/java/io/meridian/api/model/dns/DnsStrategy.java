package io.meridian.api.model.dns;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a global name answers. */
public enum DnsStrategy {
    /** Only the endpoints of the first region in order that has a healthy one. */
    @JsonProperty("Failover")
    FAILOVER,
    /** All healthy endpoints of every region. */
    @JsonProperty("RoundRobin")
    ROUND_ROBIN,
    /** Healthy endpoints with per-region weights, for providers that support weighted records. */
    @JsonProperty("Weighted")
    WEIGHTED
}
