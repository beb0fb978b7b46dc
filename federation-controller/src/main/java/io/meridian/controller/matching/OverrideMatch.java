package io.meridian.controller.matching;

import io.meridian.api.model.override.OverrideSpec;

/**
 * An OverridePolicy or ClusterOverridePolicy that applies to an object.
 *
 * @param clusterScoped whether the policy is a ClusterOverridePolicy
 * @param namespace the namespace of an OverridePolicy; null for a ClusterOverridePolicy
 * @param name the policy's name
 * @param uid the policy's UID, if known
 * @param spec the policy's spec
 * @param specificity how precisely the policy's best selector designates the object; {@link
 *     SelectorSpecificity#KIND} when the policy has no selectors and so applies to everything
 */
public record OverrideMatch(
        boolean clusterScoped,
        String namespace,
        String name,
        String uid,
        OverrideSpec spec,
        SelectorSpecificity specificity) {

    /** {@code OverridePolicy} or {@code ClusterOverridePolicy}. */
    public String kind() {
        return clusterScoped ? "ClusterOverridePolicy" : "OverridePolicy";
    }

    /** {@code OverridePolicy ns/name} or {@code ClusterOverridePolicy name}, for messages. */
    public String describe() {
        return clusterScoped ? kind() + " " + name : kind() + " " + namespace + "/" + name;
    }
}
