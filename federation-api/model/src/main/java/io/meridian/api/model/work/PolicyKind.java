package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of policy a binding can come from. */
public enum PolicyKind {
    /** A namespaced PropagationPolicy. */
    @JsonProperty("PropagationPolicy")
    PROPAGATION_POLICY,
    /** A ClusterPropagationPolicy. */
    @JsonProperty("ClusterPropagationPolicy")
    CLUSTER_PROPAGATION_POLICY
}
