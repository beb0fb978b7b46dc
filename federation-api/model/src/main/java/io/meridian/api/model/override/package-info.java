/**
 * OverridePolicy and ClusterOverridePolicy: per-cluster or per-region changes to federated objects,
 * applied by the controller when it renders each cluster's Work.
 */
package io.meridian.api.model.override;
