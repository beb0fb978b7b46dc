/** The Cluster kind: a member cluster, its location, credentials, taints and observed health. */
package io.meridian.api.model.cluster;
