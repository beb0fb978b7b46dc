package io.meridian.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The key of a namespaced or cluster-scoped object: what event handlers enqueue.
 *
 * @param namespace the namespace, or null for a cluster-scoped object
 * @param name the name
 */
public record ObjectKey(String namespace, String name) {

    public static ObjectKey of(HasMetadata obj) {
        return new ObjectKey(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    }

    public static ObjectKey cluster(String name) {
        return new ObjectKey(null, name);
    }

    @Override
    public String toString() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
