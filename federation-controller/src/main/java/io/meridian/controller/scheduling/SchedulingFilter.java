package io.meridian.controller.scheduling;

/** The step of scheduling that left a cluster out. */
public enum SchedulingFilter {
    /** The placement's cluster affinity does not include the cluster. */
    CLUSTER_AFFINITY("clusterAffinity"),
    /** The cluster has a taint the placement does not tolerate, or is not Ready. */
    TAINT_TOLERATION("taints"),
    /**
     * The cluster lacks the region or zone a spread constraint groups by, or its group was not
     * selected.
     */
    SPREAD_CONSTRAINT("spreadConstraints"),
    /** The replica scheduling gives the cluster nothing, such as a static weight list that omits it. */
    REPLICA_SCHEDULING("replicaScheduling");

    private final String field;

    SchedulingFilter(String field) {
        this.field = field;
    }

    /** The placement field the step reads, for messages. */
    public String field() {
        return field;
    }
}
