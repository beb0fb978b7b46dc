/**
 * The controller's working objects: ResourceBinding and ClusterResourceBinding (an object, its
 * policy, the scheduling result and the per-cluster state) and Work (the manifests for one member
 * cluster, and what member-sync observed of them).
 */
package io.meridian.api.model.work;
