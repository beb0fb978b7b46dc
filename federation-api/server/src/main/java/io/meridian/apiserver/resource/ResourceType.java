package io.meridian.apiserver.resource;

import io.meridian.apiserver.schema.SchemaNode;
import java.util.List;

/**
 * Everything the server knows about one served resource: its names, scope, subresources and
 * schema. Built-in kinds and those registered by CustomResourceDefinitions are described the same
 * way, so every verb handler is generic.
 *
 * @param group API group, empty for the core group
 * @param version the served version
 * @param kind the kind, for example {@code Deployment}
 * @param plural the resource name in URLs, for example {@code deployments}
 * @param singular for example {@code deployment}
 * @param shortNames for example {@code [deploy]}
 * @param categories for example {@code [all]}
 * @param namespaced whether objects live in a namespace
 * @param statusSubresource whether {@code /status} is served (and the main resource ignores status)
 * @param scale the scale subresource, or null
 * @param schema the OpenAPI v3 schema of the kind, {@link SchemaNode#ANY} when unknown
 * @param listKind the kind of lists, for example {@code DeploymentList}
 */
public record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        List<String> shortNames,
        List<String> categories,
        boolean namespaced,
        boolean statusSubresource,
        ScaleSubresource scale,
        SchemaNode schema,
        String listKind) {

    /** Where the scale subresource reads and writes, as JSON paths such as {@code .spec.replicas}. */
    public record ScaleSubresource(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {}

    public GroupVersionKind gvk() {
        return new GroupVersionKind(group, version, kind);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code deployments.apps}, or {@code pods} in the core group. */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
