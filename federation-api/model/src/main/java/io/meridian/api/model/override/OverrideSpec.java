package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.policy.ResourceSelector;
import java.util.List;

/**
 * The spec of an OverridePolicy or ClusterOverridePolicy. Every matching policy applies, cluster
 * policies first and then namespaced ones, each group in name order, so a namespace can refine what
 * the platform set.
 */
@ApiType
public record OverrideSpec(
        @JsonPropertyDescription("The objects to change; empty means every federated object the policy can see.")
        List<ResourceSelector> resourceSelectors,

        @JsonPropertyDescription("The rules, applied in order.") @Required @Size(min = 1)
        List<OverrideRule> overrideRules) {

    public OverrideSpec {
        resourceSelectors = ApiValues.list(resourceSelectors);
        overrideRules = ApiValues.list(overrideRules);
    }
}
