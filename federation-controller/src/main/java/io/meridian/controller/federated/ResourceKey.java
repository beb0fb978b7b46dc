package io.meridian.controller.federated;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.meridian.api.model.work.ResourceReference;

/**
 * The key of one federated object: its kind, namespace (null when cluster-scoped) and name. What
 * the detector's work queue holds.
 */
public record ResourceKey(FederatedKind kind, String namespace, String name) {

    public ResourceKey {
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    }

    public static ResourceKey of(HasMetadata object) {
        return new ResourceKey(
                FederatedKind.of(object),
                object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }

    public static ResourceKey of(ResourceReference reference) {
        return new ResourceKey(FederatedKind.of(reference), reference.namespace(), reference.name());
    }

    @Override
    public String toString() {
        return kind.kind() + " " + (namespace == null ? name : namespace + "/" + name);
    }
}
