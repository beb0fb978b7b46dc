package io.meridian.controller.matching;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.meridian.api.model.override.ClusterOverridePolicy;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.api.model.override.OverrideSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds every OverridePolicy and ClusterOverridePolicy that applies to a federated object, in the
 * order their rules are to be applied.
 *
 * <p>A policy applies when any of its resource selectors selects the object, or when it has no
 * selectors at all. OverridePolicies only see objects of their own namespace; ClusterOverridePolicies
 * see every object. Policies being deleted or without a spec are left out.
 *
 * <p>Order: every ClusterOverridePolicy first, then the OverridePolicies, each group by name
 * (alphabetical, as {@link String#compareTo}). Later rules see the result of earlier ones, so a
 * namespace's own policies refine what the platform set, and within a scope the order never
 * depends on listing order. Selector specificity does not change the order; it is reported only.
 */
public final class OverridePolicyMatcher {

    private static final Comparator<OverrideMatch> ORDER =
            Comparator.comparing(OverrideMatch::clusterScoped).reversed().thenComparing(OverrideMatch::name);

    private OverridePolicyMatcher() {}

    /**
     * The policies that apply to {@code resource}, in application order.
     *
     * @param policies OverridePolicies of any namespaces; only those of the resource's namespace
     *     are considered
     * @param clusterPolicies every ClusterOverridePolicy
     */
    public static List<OverrideMatch> match(
            ResourceIdentity resource,
            Collection<OverridePolicy> policies,
            Collection<ClusterOverridePolicy> clusterPolicies) {
        List<OverrideMatch> matches = new ArrayList<>();
        for (ClusterOverridePolicy policy : clusterPolicies) {
            match(policy, true, policy.getSpec(), resource).ifPresent(matches::add);
        }
        if (!resource.clusterScoped()) {
            for (OverridePolicy policy : policies) {
                if (Objects.equals(policy.getMetadata().getNamespace(), resource.namespace())) {
                    match(policy, false, policy.getSpec(), resource).ifPresent(matches::add);
                }
            }
        }
        matches.sort(ORDER);
        return List.copyOf(matches);
    }

    private static Optional<OverrideMatch> match(
            HasMetadata policy, boolean clusterScoped, OverrideSpec spec, ResourceIdentity resource) {
        if (spec == null || policy.getMetadata() == null || policy.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty();
        }
        Optional<SelectorSpecificity> specificity = spec.resourceSelectors().isEmpty()
                ? Optional.of(SelectorSpecificity.KIND)
                : SelectorSpecificity.best(spec.resourceSelectors(), resource)
                        .map(SelectorSpecificity.Match::specificity);
        return specificity.map(s -> new OverrideMatch(
                clusterScoped,
                clusterScoped ? null : policy.getMetadata().getNamespace(),
                policy.getMetadata().getName(),
                policy.getMetadata().getUid(),
                spec,
                s));
    }
}
