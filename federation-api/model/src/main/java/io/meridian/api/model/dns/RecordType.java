package io.meridian.api.model.dns;

import com.fasterxml.jackson.annotation.JsonProperty;

/** DNS record types Meridian publishes. */
public enum RecordType {
    /** IPv4 addresses. */
    @JsonProperty("A")
    A,
    /** IPv6 addresses. */
    @JsonProperty("AAAA")
    AAAA,
    /** A canonical name, when the endpoints are host names. */
    @JsonProperty("CNAME")
    CNAME
}
