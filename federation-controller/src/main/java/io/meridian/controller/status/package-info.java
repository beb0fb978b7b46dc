/**
 * The status aggregator: Work status into the binding's per-cluster status and FullyApplied
 * condition, and into the federated object's own status.
 */
package io.meridian.controller.status;
