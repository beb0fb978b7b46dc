package io.meridian.fedctl.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Locale;

/**
 * One object to apply, and where it came from.
 *
 * @param source {@code path:line} of the document, or a phrase for generated objects, for messages
 * @param object the object as written (its namespace set once the kind is known)
 */
public record Manifest(String source, GenericKubernetesResource object) {

    public String apiVersion() {
        return object.getApiVersion();
    }

    public String kind() {
        return object.getKind();
    }

    public String name() {
        return object.getMetadata().getName();
    }

    /** The namespace; null for cluster-scoped objects and before defaulting. */
    public String namespace() {
        String ns = object.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? null : ns;
    }

    /** {@code deployment/web}, as kubectl names objects. */
    public String ref() {
        return kind().toLowerCase(Locale.ROOT) + "/" + name();
    }

    /** {@code Deployment shop/web}, or {@code Namespace shop} for a cluster-scoped object. */
    public String describe() {
        return kind() + " " + (namespace() == null ? name() : namespace() + "/" + name());
    }
}
