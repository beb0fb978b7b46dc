package io.meridian.controller.matching;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.work.PolicyKind;
import io.meridian.api.model.work.PolicyReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the one PropagationPolicy or ClusterPropagationPolicy that places a federated object.
 *
 * <p>Candidates are the PropagationPolicies of the object's own namespace (never for a
 * cluster-scoped object) and every ClusterPropagationPolicy, without those being deleted or lacking
 * a spec. A candidate applies when any of its resource selectors selects the object. The winner is
 * chosen by, in order:
 *
 * <ol>
 *   <li>scope: a PropagationPolicy wins over any ClusterPropagationPolicy, so that a namespace's
 *       owner can override what the platform set, as in Karmada;
 *   <li>{@code spec.priority}, higher first (absent is 0);
 *   <li>the specificity of the policy's best matching selector: by name, then by a non-empty label
 *       selector, then by kind alone;
 *   <li>the policy's name, alphabetically, so that the choice never depends on listing order.
 * </ol>
 */
public final class PropagationPolicyMatcher {

    private static final Comparator<Candidate> RANK = Comparator.comparing(Candidate::namespaced)
            .thenComparingInt(Candidate::priority)
            .thenComparing(Candidate::specificity)
            .reversed()
            .thenComparing(c -> c.reference().name());

    private PropagationPolicyMatcher() {}

    /**
     * The policy that places {@code resource}, or empty if no policy selects it.
     *
     * @param policies PropagationPolicies of any namespaces; only those of the resource's namespace
     *     are considered
     * @param clusterPolicies every ClusterPropagationPolicy
     */
    public static Optional<PropagationMatch> match(
            ResourceIdentity resource,
            Collection<PropagationPolicy> policies,
            Collection<ClusterPropagationPolicy> clusterPolicies) {
        List<Candidate> candidates = new ArrayList<>();
        if (!resource.clusterScoped()) {
            for (PropagationPolicy policy : policies) {
                if (Objects.equals(policy.getMetadata().getNamespace(), resource.namespace())) {
                    candidate(policy, PolicyKind.PROPAGATION_POLICY, policy.getSpec(), resource)
                            .ifPresent(candidates::add);
                }
            }
        }
        for (ClusterPropagationPolicy policy : clusterPolicies) {
            candidate(policy, PolicyKind.CLUSTER_PROPAGATION_POLICY, policy.getSpec(), resource)
                    .ifPresent(candidates::add);
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        candidates.sort(RANK);
        Candidate winner = candidates.get(0);
        List<PropagationMatch.Outranked> outranked = candidates.stream()
                .skip(1)
                .map(loser -> new PropagationMatch.Outranked(
                        loser.reference(), loser.priority(), loser.specificity(), whyLost(winner, loser)))
                .toList();
        return Optional.of(new PropagationMatch(
                winner.reference(),
                winner.spec(),
                winner.priority(),
                winner.specificity(),
                winner.selector().index(),
                resource,
                outranked));
    }

    private static Optional<Candidate> candidate(
            HasMetadata policy, PolicyKind kind, PropagationSpec spec, ResourceIdentity resource) {
        if (spec == null || policy.getMetadata() == null || policy.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty();
        }
        return SelectorSpecificity.best(spec.resourceSelectors(), resource).map(selector -> {
            PolicyReference reference = new PolicyReference(
                    kind,
                    kind == PolicyKind.PROPAGATION_POLICY ? policy.getMetadata().getNamespace() : null,
                    policy.getMetadata().getName(),
                    policy.getMetadata().getUid());
            return new Candidate(reference, spec, selector);
        });
    }

    private static String whyLost(Candidate winner, Candidate loser) {
        if (winner.namespaced() != loser.namespaced()) {
            return "a namespaced policy wins over a cluster policy";
        }
        if (winner.priority() != loser.priority()) {
            return "priority " + winner.priority() + " is higher than " + loser.priority();
        }
        if (winner.specificity() != loser.specificity()) {
            return "a match " + winner.specificity().phrase() + " is more specific than one "
                    + loser.specificity().phrase();
        }
        return "equal rank, and names are taken in alphabetical order";
    }

    private record Candidate(PolicyReference reference, PropagationSpec spec, SelectorSpecificity.Match selector) {
        boolean namespaced() {
            return reference.kind() == PolicyKind.PROPAGATION_POLICY;
        }

        int priority() {
            return spec.effectivePriority();
        }

        SelectorSpecificity specificity() {
            return selector.specificity();
        }
    }
}
