package io.meridian.membersync.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.meridian.api.model.policy.ApplyStrategy;
import io.meridian.api.model.policy.ConflictResolution;
import io.meridian.reconciler.ObjectKey;
import java.util.function.Predicate;

/**
 * One manifest to write to a member.
 *
 * @param manifest the desired object, as the Work holds it
 * @param work the Work it comes from (its ownership labels go on the object)
 * @param strategy server-side apply or update
 * @param resolution what to do when the object exists and is not Meridian's
 * @param stillListedBy whether another Work (the one the member's copy is labelled with) still
 *     lists this object; if so the copy keeps that Work's labels, so that two Works sharing an
 *     object do not relabel it back and forth
 */
public record ApplyRequest(
        GenericKubernetesResource manifest,
        ObjectKey work,
        ApplyStrategy strategy,
        ConflictResolution resolution,
        Predicate<ObjectKey> stillListedBy) {}
