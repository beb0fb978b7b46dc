package io.meridian.api.model.names;

/** Finalizers Meridian puts on objects it must clean up after. */
public final class Finalizers {

    private Finalizers() {}

    /**
     * Kept on a federated object, its binding and its Works until every member cluster has removed its
     * copy; on a Cluster until its execution namespace is gone.
     */
    public static final String CLEANUP = "meridian.io/cleanup";
}
