package io.meridian.controller.matching;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;

/**
 * What policy selectors look at in a federated object.
 *
 * @param apiVersion the object's apiVersion, such as {@code apps/v1}
 * @param kind the object's kind, such as {@code Deployment}
 * @param namespace the object's namespace; null for a cluster-scoped object
 * @param name the object's name
 * @param labels the object's labels; never null
 */
public record ResourceIdentity(
        String apiVersion, String kind, String namespace, String name, Map<String, String> labels) {

    public ResourceIdentity {
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The identity of {@code object}, a typed or a generic Kubernetes object. */
    public static ResourceIdentity of(HasMetadata object) {
        ObjectMeta meta = object.getMetadata() == null ? new ObjectMeta() : object.getMetadata();
        return new ResourceIdentity(
                object.getApiVersion(), object.getKind(), meta.getNamespace(), meta.getName(), meta.getLabels());
    }

    /** Whether the object is cluster-scoped. */
    public boolean clusterScoped() {
        return namespace == null;
    }

    /** {@code Kind namespace/name}, or {@code Kind name} for a cluster-scoped object. */
    public String describe() {
        return kind + " " + (namespace == null ? name : namespace + "/" + name);
    }
}
