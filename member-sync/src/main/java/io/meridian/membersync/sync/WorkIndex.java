package io.meridian.membersync.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meridian.api.model.work.Work;
import io.meridian.membersync.apply.ObjectRef;
import io.meridian.membersync.apply.ResourceTypes;
import io.meridian.reconciler.ObjectKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster's Works as the informer holds them, indexed by the member objects they list, so that
 * pruning can tell whether another Work still needs an object.
 */
final class WorkIndex {

    private static final String BY_OBJECT = "object";

    private final SharedIndexInformer<Work> informer;
    private final ResourceTypes types;

    WorkIndex(SharedIndexInformer<Work> informer, ResourceTypes types) {
        this.informer = informer;
        this.types = types;
        informer.addIndexers(Map.of(
                BY_OBJECT, work -> refs(work).stream().map(ObjectRef::key).toList()));
    }

    boolean synced() {
        return informer.hasSynced();
    }

    boolean watching() {
        return informer.isWatching();
    }

    Optional<Work> get(ObjectKey key) {
        return Optional.ofNullable(informer.getIndexer().getByKey(key.namespace() + "/" + key.name()));
    }

    List<Work> all() {
        return informer.getIndexer().list();
    }

    /**
     * The Works other than {@code except} that list {@code ref} and are not being deleted: a Work on
     * its way out does not keep an object alive.
     */
    List<Work> othersListing(ObjectRef ref, ObjectKey except) {
        Map<ObjectKey, Work> result = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(List.of(ref.key()));
        // A Work indexed before its kind was known keeps a namespaced object without its namespace.
        if ("default".equals(ref.namespace())) {
            keys.add(ref.withNamespace(null).key());
        }
        for (String key : keys) {
            for (Work w : informer.getIndexer().byIndex(BY_OBJECT, key)) {
                ObjectKey k = ObjectKey.of(w);
                if (!k.equals(except) && w.getMetadata().getDeletionTimestamp() == null && refs(w).contains(ref)) {
                    result.put(k, w);
                }
            }
        }
        return List.copyOf(result.values());
    }

    /** Whether {@code work} exists, is not being deleted, and lists {@code ref}. */
    boolean lists(ObjectKey work, ObjectRef ref) {
        return get(work)
                .filter(w -> w.getMetadata().getDeletionTimestamp() == null)
                .map(w -> refs(w).contains(ref))
                .orElse(false);
    }

    /** The member objects {@code work}'s manifests name, namespaces as the member gives them. */
    Set<ObjectRef> refs(Work work) {
        Set<ObjectRef> refs = new LinkedHashSet<>();
        if (work.getSpec() == null || work.getSpec().workload() == null) {
            return refs;
        }
        for (GenericKubernetesResource manifest : work.getSpec().workload().manifests()) {
            ObjectRef.of(manifest)
                    .map(r -> types.normalize(manifest.getApiVersion(), r))
                    .ifPresent(refs::add);
        }
        return refs;
    }
}
