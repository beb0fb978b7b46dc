package io.meridian.controller.scheduling;

/**
 * A candidate cluster that did not get the workload, and why.
 *
 * @param cluster the cluster's name
 * @param filter the step that left it out
 * @param reason a phrase that reads after a count of clusters, such as {@code with untolerated
 *     taint meridian.io/unschedulable:NoSchedule}; equal for clusters left out for the same reason,
 *     so that messages can group them
 */
public record ClusterExclusion(String cluster, SchedulingFilter filter, String reason) {}
