/**
 * PropagationPolicy and ClusterPropagationPolicy: which federated objects go to which member
 * clusters, how their replicas divide, how they fail over, and how member clusters are written.
 * {@link io.meridian.api.model.policy.ResourceSelector} and {@link
 * io.meridian.api.model.policy.ClusterAffinity} are shared with the override policies.
 */
package io.meridian.api.model.policy;
