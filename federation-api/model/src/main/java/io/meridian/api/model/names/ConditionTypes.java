package io.meridian.api.model.names;

/** Condition types used across the meridian.io kinds. */
public final class ConditionTypes {

    private ConditionTypes() {}

    /**
     * Cluster: the member cluster is healthy and its heartbeat is fresh. GlobalDNSRecord: the record
     * is published by every provider. FailoverDrill: the drill finished and its verdict is set.
     */
    public static final String READY = "Ready";

    /**
     * Cluster: the federation can reach the member's API (push), or the agent's heartbeat arrives
     * (pull).
     */
    public static final String REACHABLE = "Reachable";

    /** ResourceBinding: the scheduler chose clusters for the resource. */
    public static final String SCHEDULED = "Scheduled";

    /** ResourceBinding: every scheduled cluster has applied the resource. */
    public static final String FULLY_APPLIED = "FullyApplied";

    /** Work: every manifest was applied to the member cluster. */
    public static final String APPLIED = "Applied";

    /** Work: every applied object exists in the member cluster and is healthy. */
    public static final String AVAILABLE = "Available";

    /** Work: applying is under way and has not yet converged. */
    public static final String PROGRESSING = "Progressing";

    /** Work: the member's state has not matched the desired state for longer than expected. */
    public static final String DEGRADED = "Degraded";

    /** GlobalDNSRecord: the records are published by every provider. */
    public static final String PUBLISHED = "Published";
}
