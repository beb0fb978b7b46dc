package io.meridian.apiserver.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.FieldTracker;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.resource.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link FieldTracker} of the server: one {@link FieldManager} per served type. */
public final class TypeFieldManagers implements FieldTracker {

    private final ResourceRegistry registry;
    private final Clock clock;
    // Keyed by the type itself: a CRD that changes its schema registers a new ResourceType.
    private final Map<ResourceType, FieldManager> managers = new ConcurrentHashMap<>();

    public TypeFieldManagers(ResourceRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        registry.addListener(r -> managers.keySet().retainAll(r.all()));
    }

    private FieldManager manager(ResourceType type) {
        return managers.computeIfAbsent(type, t -> FieldManager.forType(t, registry.isNative(t)));
    }

    @Override
    public ObjectNode update(
            ResourceType type, ObjectNode live, ObjectNode updated, String manager, String subresource) {
        return manager(type).update(live, updated, manager, type.apiVersion(), Instant.now(clock), subresource);
    }

    @Override
    public ObjectNode apply(
            ResourceType type, ObjectNode live, ObjectNode applied, String manager, boolean force, String subresource) {
        return manager(type).apply(live, applied, manager, force, type.apiVersion(), Instant.now(clock), subresource);
    }
}
