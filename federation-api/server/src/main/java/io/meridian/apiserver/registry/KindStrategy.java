package io.meridian.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.StatusCause;
import io.meridian.apiserver.validation.ObjectMetaValidator;
import java.util.List;
import java.util.Set;

/**
 * What one kind does differently from the generic rules: defaults, allocated fields, extra
 * validation, deletion blockers. Everything not overridden follows the generic behaviour, so a
 * kind registered by a CRD needs no strategy at all.
 */
public interface KindStrategy {

    /** Fields usable in a {@code fieldSelector} besides {@code metadata.name} and {@code metadata.namespace}. */
    default Set<String> selectableFields() {
        return Set.of();
    }

    /** The rule names of this kind follow. */
    default ObjectMetaValidator.NameRule nameRule() {
        return ObjectMetaValidator.NameRule.DNS_SUBDOMAIN;
    }

    /** Whether {@code metadata.generation} counts changes of the desired state. */
    default boolean tracksGeneration(ResourceType type) {
        return type.statusSubresource() || !type.group().isEmpty() && !isBuiltinWithoutSpec(type);
    }

    private static boolean isBuiltinWithoutSpec(ResourceType type) {
        return type.group().equals("coordination.k8s.io");
    }

    /** Fills defaults and allocated fields of a new object. */
    default void prepareForCreate(ResourceType type, ObjectNode obj) {}

    /** Fills defaults of an updated object and carries over what the client may not change. */
    default void prepareForUpdate(ResourceType type, ObjectNode obj, ObjectNode old) {}

    /** Kind-specific validation beyond the schema. {@code old} is null on create. */
    default List<StatusCause> validate(ResourceType type, ObjectNode obj, ObjectNode old) {
        return List.of();
    }

    /** Whether something other than {@code metadata.finalizers} still holds the object (a namespace's spec.finalizers). */
    default boolean blocksDeletion(ObjectNode obj) {
        return false;
    }

    /** Called when graceful deletion starts (the object gets its deletionTimestamp). */
    default void onDeletionStarted(ObjectNode obj) {}

    /** {@code Background}, {@code Foreground} or {@code Orphan}. */
    default String defaultPropagationPolicy() {
        return "Background";
    }
}
