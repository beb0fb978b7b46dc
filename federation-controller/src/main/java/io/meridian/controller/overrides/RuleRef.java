package io.meridian.controller.overrides;

import io.meridian.controller.matching.OverrideMatch;

/**
 * One rule of one override policy.
 *
 * @param policyKind {@code OverridePolicy} or {@code ClusterOverridePolicy}
 * @param policyNamespace the namespace of an OverridePolicy; null for a ClusterOverridePolicy
 * @param policyName the policy's name
 * @param ruleIndex the rule's index in {@code spec.overrideRules}
 */
public record RuleRef(String policyKind, String policyNamespace, String policyName, int ruleIndex) {

    /** Rule {@code index} of {@code policy}. */
    public static RuleRef of(OverrideMatch policy, int index) {
        return new RuleRef(policy.kind(), policy.namespace(), policy.name(), index);
    }

    /** Such as {@code OverridePolicy shop/mirror rule 0}. */
    public String describe() {
        return policyKind + " " + (policyNamespace == null ? policyName : policyNamespace + "/" + policyName) + " rule "
                + ruleIndex;
    }
}
