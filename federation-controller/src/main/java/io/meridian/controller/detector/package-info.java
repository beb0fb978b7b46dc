/**
 * The detector: binds federated objects to the PropagationPolicy or ClusterPropagationPolicy that
 * selects them (finalizer, policy labels, ResourceBinding), and unbinds and cleans up after them.
 */
package io.meridian.controller.detector;
