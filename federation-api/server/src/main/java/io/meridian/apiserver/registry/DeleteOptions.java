package io.meridian.apiserver.registry;

/**
 * A delete request's options.
 *
 * @param propagationPolicy {@code Background}, {@code Foreground}, {@code Orphan}, or null for the kind's default
 * @param preconditionUid the object must still have this uid, if set
 * @param preconditionResourceVersion the object must still be at this resourceVersion, if set
 * @param dryRun validate and answer, delete nothing
 */
public record DeleteOptions(
        String propagationPolicy, String preconditionUid, String preconditionResourceVersion, boolean dryRun) {

    public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, false);
}
