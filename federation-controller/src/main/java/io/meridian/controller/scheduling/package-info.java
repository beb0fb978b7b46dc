/**
 * The scheduler: which member clusters a federated object goes to and how many replicas each runs.
 * {@link io.meridian.controller.scheduling.Scheduler#schedule} filters the candidate clusters
 * (affinity, taints and readiness, spread fields), selects groups under the spread constraints, and
 * divides the replicas with {@link io.meridian.controller.scheduling.ReplicaDivider}, which keeps
 * the previous result wherever the policy allows. Pure functions, no I/O.
 */
package io.meridian.controller.scheduling;
