package io.meridian.api.model.names;

/** Keys of the taints Meridian puts on Clusters itself. */
public final class TaintKeys {

    private TaintKeys() {}

    /** The cluster's Ready condition is False: it answers but is not healthy. */
    public static final String NOT_READY = "meridian.io/not-ready";

    /** The cluster's Ready condition is Unknown: no heartbeat arrived in time. */
    public static final String UNREACHABLE = "meridian.io/unreachable";

    /** The cluster is cordoned: no new placements (effect NoSchedule). */
    public static final String UNSCHEDULABLE = "meridian.io/unschedulable";

    /** A FailoverDrill is running against the cluster. */
    public static final String DRILL = "meridian.io/drill";
}
