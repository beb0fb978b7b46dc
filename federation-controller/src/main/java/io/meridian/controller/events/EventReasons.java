package io.meridian.controller.events;

/**
 * The reasons of the Events the federation controller records, in one place, so that users can
 * select them ({@code kubectl get events --field-selector reason=OverrideFailed}) and they never
 * drift between controllers.
 */
public final class EventReasons {

    private EventReasons() {}

    /** The object was bound to a policy: its ResourceBinding was created or now follows another policy. */
    public static final String BOUND = "Bound";

    /** The object matches no policy any more; its Works are being removed from the members. */
    public static final String UNBOUND = "Unbound";

    /** The binding could not be created or updated. */
    public static final String BIND_FAILED = "BindFailed";

    /** The scheduler placed the object; the note says where. */
    public static final String SCHEDULED = "Scheduled";

    /** No cluster fits the placement; the previous placement stays. */
    public static final String NO_CLUSTER_FIT = "NoClusterFit";

    /** The policy cannot be scheduled as written (an invalid selector, weights, constraints). */
    public static final String SCHEDULER_ERROR = "SchedulerError";

    /** The policy is invalid; the note names the field and the problem. */
    public static final String INVALID_POLICY = "InvalidPolicy";

    /** A policy names a kind the federation API does not serve. */
    public static final String UNKNOWN_KIND = "UnknownKind";

    /** An override rule does not apply to the manifest; that cluster's Work is left as it was. */
    public static final String OVERRIDE_FAILED = "OverrideFailed";

    /** A ConfigMap, Secret, ServiceAccount or PVC the workload refers to does not exist. */
    public static final String DEPENDENCY_MISSING = "DependencyMissing";

    /** Works were written for the binding. */
    public static final String WORKS_SYNCED = "WorksSynced";

    /** A Work could not be written. */
    public static final String WORK_WRITE_FAILED = "WorkWriteFailed";

    /** Every target cluster applied the object. */
    public static final String APPLIED = "Applied";

    /** A member cluster refused a manifest. */
    public static final String APPLY_FAILED = "ApplyFailed";

    /** A member cluster holds an object of the same name that Meridian does not manage. */
    public static final String CONFLICT = "Conflict";

    /** The object is being removed from every member before it goes. */
    public static final String CLEANING_UP = "CleaningUp";

    /** Every member copy is gone; the cleanup finalizer was removed. */
    public static final String CLEANED_UP = "CleanedUp";
}
