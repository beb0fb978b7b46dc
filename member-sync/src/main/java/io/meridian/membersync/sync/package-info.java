/**
 * One syncer per member cluster: it watches the Works of the cluster's execution namespace, applies
 * their manifests to the member, watches what it applied there, corrects drift, prunes what a Work
 * no longer lists, deletes a deleted Work's objects before letting the Work go, and writes what it
 * observed into {@code Work.status}. The same {@link io.meridian.membersync.sync.ClusterSyncer} runs
 * in push mode (inside the controller, one per cluster) and in pull mode (the agent, one in all).
 */
package io.meridian.membersync.sync;
