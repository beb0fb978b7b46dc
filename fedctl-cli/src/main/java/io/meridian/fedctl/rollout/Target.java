package io.meridian.fedctl.rollout;

import io.meridian.api.model.names.ResourceNames;
import java.util.Locale;

/**
 * A federated object whose rollout is followed: what was applied, and the generation it was applied
 * at, so that a report about an older version never counts.
 *
 * @param apiVersion such as {@code apps/v1}
 * @param kind such as {@code Deployment}
 * @param namespace null for a cluster-scoped object
 * @param name the object's name
 * @param uid the object's uid after the apply; null when unknown
 * @param generation its {@code metadata.generation} after the apply; null when unknown
 */
public record Target(String apiVersion, String kind, String namespace, String name, String uid, Long generation) {

    /** The binding the controller writes for the object. */
    public String bindingName() {
        return ResourceNames.bindingName(kind, name);
    }

    public boolean clusterScoped() {
        return namespace == null;
    }

    /** {@code deployment/web}. */
    public String ref() {
        return kind.toLowerCase(Locale.ROOT) + "/" + name;
    }

    /** {@code deployment/web -n shop}, as a command line would name it. */
    public String commandRef() {
        return ref() + (namespace == null ? "" : " -n " + namespace);
    }
}
