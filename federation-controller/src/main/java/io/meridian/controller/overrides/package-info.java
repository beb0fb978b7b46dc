/**
 * Applies the rules of the matching OverridePolicies and ClusterOverridePolicies to a manifest on
 * its way to one member cluster: JSON patches, image rewrites, replicas, labels, annotations,
 * command, args and environment. {@link io.meridian.controller.overrides.OverrideApplier} returns
 * problems as values, so that a caller can report them in a condition.
 */
package io.meridian.controller.overrides;
