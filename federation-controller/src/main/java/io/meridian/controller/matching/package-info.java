/**
 * Which policies apply to a federated object: the one PropagationPolicy or ClusterPropagationPolicy
 * that places it ({@link io.meridian.controller.matching.PropagationPolicyMatcher}), and every
 * OverridePolicy and ClusterOverridePolicy that changes it ({@link
 * io.meridian.controller.matching.OverridePolicyMatcher}). Pure functions over the model types.
 */
package io.meridian.controller.matching;
