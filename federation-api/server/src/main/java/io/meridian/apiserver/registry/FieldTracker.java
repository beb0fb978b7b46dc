package io.meridian.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.ResourceType;

/** Maintains {@code metadata.managedFields} and performs server-side apply. */
public interface FieldTracker {

    /** Records the fields {@code manager} changed with a create, update or patch. */
    ObjectNode update(ResourceType type, ObjectNode live, ObjectNode updated, String manager, String subresource);

    /** Server-side apply of {@code applied} onto {@code live} (null when absent). */
    ObjectNode apply(
            ResourceType type, ObjectNode live, ObjectNode applied, String manager, boolean force, String subresource);

    FieldTracker NONE = new FieldTracker() {
        @Override
        public ObjectNode update(
                ResourceType type, ObjectNode live, ObjectNode updated, String manager, String subresource) {
            return updated;
        }

        @Override
        public ObjectNode apply(
                ResourceType type,
                ObjectNode live,
                ObjectNode applied,
                String manager,
                boolean force,
                String subresource) {
            throw new UnsupportedOperationException("server-side apply is not available");
        }
    };
}
