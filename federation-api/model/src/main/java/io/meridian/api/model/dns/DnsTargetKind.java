package io.meridian.api.model.dns;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of object whose endpoints a global name follows. */
public enum DnsTargetKind {
    /** A LoadBalancer Service: its ingress addresses in each cluster. */
    @JsonProperty("Service")
    SERVICE,
    /** An Ingress: its load balancer addresses in each cluster. */
    @JsonProperty("Ingress")
    INGRESS
}
