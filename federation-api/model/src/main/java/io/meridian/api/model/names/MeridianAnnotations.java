package io.meridian.api.model.names;

/** Annotation keys Meridian reads or writes. */
public final class MeridianAnnotations {

    private MeridianAnnotations() {}

    /**
     * On a manifest in a Work: the conflict resolution (Abort or Overwrite) member-sync applies when
     * the object already exists in the member cluster and is not Meridian's.
     */
    public static final String CONFLICT_RESOLUTION = "meridian.io/conflict-resolution";

    /**
     * On a manifest in a Work: the override policies applied to it, as namespace/name, comma
     * separated.
     */
    public static final String APPLIED_OVERRIDES = "meridian.io/applied-overrides";

    /** On a federated object: the UID of the binding that propagates it. */
    public static final String BINDING_UID = "meridian.io/binding-uid";
}
