package io.meridian.controller.matching;

import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.policy.ResourceSelector;
import io.meridian.api.model.work.PolicyKind;
import io.meridian.api.model.work.PolicyReference;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The policy that places an object, and why it won.
 *
 * @param policy the winning PropagationPolicy or ClusterPropagationPolicy, as a binding records it
 * @param spec the winning policy's spec
 * @param priority the winning policy's effective priority
 * @param specificity how precisely its best selector designates the object
 * @param selectorIndex the index of that selector in {@code spec.resourceSelectors}
 * @param resource the object that was matched
 * @param outranked the other policies that also selected the object, best first, each with the
 *     reason it lost
 */
public record PropagationMatch(
        PolicyReference policy,
        PropagationSpec spec,
        int priority,
        SelectorSpecificity specificity,
        int selectorIndex,
        ResourceIdentity resource,
        List<Outranked> outranked) {

    public PropagationMatch {
        outranked = List.copyOf(outranked);
    }

    /** The selector that matched best. */
    public ResourceSelector selector() {
        return spec.resourceSelectors().get(selectorIndex);
    }

    /**
     * A sentence for a condition or an event, such as {@code PropagationPolicy shop/web selects
     * Deployment shop/web by name (priority 0); it outranks ClusterPropagationPolicy all (a
     * namespaced policy wins over a cluster policy)}.
     */
    public String message() {
        StringBuilder text = new StringBuilder()
                .append(describe(policy))
                .append(" selects ")
                .append(resource.describe())
                .append(' ')
                .append(specificity.phrase())
                .append(" (priority ")
                .append(priority)
                .append(')');
        if (!outranked.isEmpty()) {
            text.append("; it outranks ")
                    .append(outranked.stream()
                            .map(o -> describe(o.policy()) + " (" + o.reason() + ")")
                            .collect(Collectors.joining(", ")));
        }
        return text.toString();
    }

    /** {@code PropagationPolicy ns/name} or {@code ClusterPropagationPolicy name}. */
    public static String describe(PolicyReference policy) {
        return policy.kind() == PolicyKind.PROPAGATION_POLICY
                ? "PropagationPolicy " + policy.namespace() + "/" + policy.name()
                : "ClusterPropagationPolicy " + policy.name();
    }

    /** A policy that selected the object too but lost, and why. */
    public record Outranked(PolicyReference policy, int priority, SelectorSpecificity specificity, String reason) {}
}
