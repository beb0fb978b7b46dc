package io.meridian.api.model.names;

/** Reasons of the conditions in {@link ConditionTypes}, in CamelCase as Kubernetes expects. */
public final class ConditionReasons {

    private ConditionReasons() {}

    // Cluster Ready and Reachable

    /** The cluster answered its health check and its heartbeat is fresh. */
    public static final String CLUSTER_READY = "ClusterReady";

    /** The cluster answered, but reported itself unhealthy. */
    public static final String CLUSTER_NOT_READY = "ClusterNotReady";

    /** The cluster could not be reached. */
    public static final String CLUSTER_UNREACHABLE = "ClusterUnreachable";

    /** A new cluster whose syncer has not sent its first heartbeat yet. */
    public static final String CLUSTER_JOINING = "ClusterJoining";

    /** No heartbeat renewal arrived within the allowed time. */
    public static final String HEARTBEAT_EXPIRED = "HeartbeatExpired";

    /** The cluster's credentials were refused or could not be read. */
    public static final String CREDENTIALS_INVALID = "CredentialsInvalid";

    // ResourceBinding Scheduled

    /** Scheduling succeeded. */
    public static final String SCHEDULED = "Scheduled";

    /** No cluster satisfies the placement. */
    public static final String NO_CLUSTER_FIT = "NoClusterFit";

    /** Scheduling failed for an internal reason; it will be retried. */
    public static final String SCHEDULER_ERROR = "SchedulerError";

    // ResourceBinding FullyApplied, Work Applied and Available

    /** Every manifest was applied. */
    public static final String APPLIED = "Applied";

    /** At least one manifest could not be applied; the message says which and why. */
    public static final String APPLY_FAILED = "ApplyFailed";

    /** An object already exists in the member cluster and the conflict resolution is Abort. */
    public static final String CONFLICT = "Conflict";

    /** Some clusters have not applied the resource yet. */
    public static final String PARTIALLY_APPLIED = "PartiallyApplied";

    /** Dispatching to member clusters is suspended by the policy. */
    public static final String SUSPENDED = "Suspended";

    /** Every applied object is healthy. */
    public static final String HEALTHY = "Healthy";

    /** At least one applied object is unhealthy. */
    public static final String UNHEALTHY = "Unhealthy";

    /** The member cluster's state could not be read. */
    public static final String STATUS_UNKNOWN = "StatusUnknown";

    // GlobalDNSRecord Published

    /** Every provider accepted the records. */
    public static final String PUBLISHED = "Published";

    /** A provider refused or could not be reached. */
    public static final String PUBLISH_FAILED = "PublishFailed";

    /** No target has a healthy endpoint, so nothing can be published. */
    public static final String NO_ENDPOINTS = "NoEndpoints";
}
