package io.meridian.controller.render;

import io.meridian.controller.federated.FederatedKind;
import io.meridian.controller.federated.ResourceKey;
import io.meridian.membersync.interpreter.DependentObjectReference;
import io.meridian.reconciler.ObjectKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which bindings carry which dependencies, as last rendered, so that a change to a ConfigMap or
 * Secret re-renders the Works that carry it. Rebuilt by rendering: a new leader renders every
 * binding once as its informers fill.
 */
public final class DependencyIndex {

    private final Map<ResourceKey, Set<ObjectKey>> dependents = new HashMap<>();
    private final Map<ObjectKey, Set<ResourceKey>> dependencies = new HashMap<>();

    /** Records that {@code binding} now carries {@code references}. */
    public synchronized void update(ObjectKey binding, List<DependentObjectReference> references) {
        forget(binding);
        Set<ResourceKey> keys = new HashSet<>();
        for (DependentObjectReference ref : references) {
            ResourceKey key =
                    new ResourceKey(new FederatedKind(ref.apiVersion(), ref.kind()), ref.namespace(), ref.name());
            keys.add(key);
            dependents.computeIfAbsent(key, k -> new HashSet<>()).add(binding);
        }
        if (!keys.isEmpty()) {
            dependencies.put(binding, keys);
        }
    }

    /** Forgets {@code binding}, which is gone. */
    public synchronized void forget(ObjectKey binding) {
        Set<ResourceKey> old = dependencies.remove(binding);
        if (old != null) {
            for (ResourceKey key : old) {
                Set<ObjectKey> set = dependents.get(key);
                if (set != null) {
                    set.remove(binding);
                    if (set.isEmpty()) {
                        dependents.remove(key);
                    }
                }
            }
        }
    }

    /** The bindings that carry {@code dependency}. */
    public synchronized Set<ObjectKey> dependents(ResourceKey dependency) {
        return Set.copyOf(dependents.getOrDefault(dependency, Set.of()));
    }
}
