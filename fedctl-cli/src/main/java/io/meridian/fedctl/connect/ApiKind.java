package io.meridian.fedctl.connect;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * A kind the federation API serves, as discovery describes it.
 *
 * @param group the API group; empty for the core group
 * @param version the version, such as {@code v1}
 * @param kind such as {@code Deployment}
 * @param plural the resource name, such as {@code deployments}
 * @param singular such as {@code deployment}
 * @param namespaced whether objects of the kind live in namespaces
 * @param shortNames such as {@code deploy}
 */
public record ApiKind(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        boolean namespaced,
        List<String> shortNames) {

    public ApiKind {
        group = group == null ? "" : group;
        shortNames = shortNames == null ? List.of() : List.copyOf(shortNames);
    }

    /** {@code apps/v1}, or {@code v1} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** What fabric8 needs to read and write objects of the kind without a Java type. */
    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    /** The lower-case kind, as object references read: {@code deployment}. */
    public String lowerKind() {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }
}
