package io.meridian.membersync.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.meridian.membersync.apply.ResourceTypes.ResourceType;
import io.meridian.reconciler.ObjectKey;

/**
 * What applying one manifest came to.
 *
 * @param result applied, refused as a conflict, or failed
 * @param type the member resource, when it could be resolved
 * @param object the member's copy after the write (applied), or as found (conflict); null otherwise
 * @param message why it was not applied, for humans; null when applied
 * @param changed whether the write changed the member's copy (created it, or moved its resourceVersion)
 * @param forced whether fields other managers held were taken over
 * @param previousWork the Work the member's copy was labelled with before the write, if any
 */
public record ApplyOutcome(
        Result result,
        ResourceType type,
        GenericKubernetesResource object,
        String message,
        boolean changed,
        boolean forced,
        ObjectKey previousWork) {

    /** How an apply ended. */
    public enum Result {
        APPLIED,
        /** The object exists in the member, is not Meridian's, and the conflict resolution is Abort. */
        CONFLICT,
        /** The member refused the object (invalid, forbidden, missing namespace...). */
        FAILED
    }

    static ApplyOutcome applied(
            ResourceType type,
            GenericKubernetesResource before,
            GenericKubernetesResource after,
            boolean changed,
            boolean forced) {
        return new ApplyOutcome(
                Result.APPLIED,
                type,
                after,
                null,
                changed,
                forced,
                Ownership.workOf(before).orElse(null));
    }

    static ApplyOutcome conflict(ResourceType type, GenericKubernetesResource live, String message) {
        return new ApplyOutcome(Result.CONFLICT, type, live, message, false, false, null);
    }

    static ApplyOutcome failed(ResourceType type, String message) {
        return new ApplyOutcome(Result.FAILED, type, null, message, false, false, null);
    }
}
