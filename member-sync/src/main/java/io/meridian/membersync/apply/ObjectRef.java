package io.meridian.membersync.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * One object in a member cluster, whatever the version it is read or written in: two manifests that
 * name the same group, kind, namespace and name are the same member object.
 *
 * @param group the API group; empty for the core group
 * @param kind the kind
 * @param namespace the namespace; null for a cluster-scoped object (or a manifest that names none)
 * @param name the name
 */
public record ObjectRef(String group, String kind, String namespace, String name) {

    public ObjectRef {
        group = group == null ? "" : group;
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** The object {@code manifest} names, or empty when it lacks an apiVersion, a kind or a name. */
    public static Optional<ObjectRef> of(HasMetadata manifest) {
        if (manifest == null
                || isBlank(manifest.getApiVersion())
                || isBlank(manifest.getKind())
                || manifest.getMetadata() == null
                || isBlank(manifest.getMetadata().getName())) {
            return Optional.empty();
        }
        return Optional.of(new ObjectRef(
                groupOf(manifest.getApiVersion()),
                manifest.getKind(),
                manifest.getMetadata().getNamespace(),
                manifest.getMetadata().getName()));
    }

    /** The group of an apiVersion: {@code apps} for {@code apps/v1}, empty for {@code v1}. */
    public static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The version of an apiVersion: {@code v1} for {@code apps/v1} and for {@code v1}. */
    public static String versionOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    /** The same object in another namespace (null for none). */
    public ObjectRef withNamespace(String otherNamespace) {
        return new ObjectRef(group, kind, otherNamespace, name);
    }

    /** A string that identifies the object, for indexes. */
    public String key() {
        return group + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    @Override
    public String toString() {
        String type = group.isEmpty() ? kind : kind + "." + group;
        return type + " " + (namespace == null ? name : namespace + "/" + name);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
