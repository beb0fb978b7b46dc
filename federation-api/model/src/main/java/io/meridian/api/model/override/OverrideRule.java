package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.policy.ClusterAffinity;

/** Changes made to the selected objects on their way to some clusters. */
@ApiType
public record OverrideRule(
        @JsonPropertyDescription(
                "The clusters this rule applies to, by name, labels or region; absent means every cluster.")
        ClusterAffinity targetCluster,

        @JsonPropertyDescription("The changes.") @Required Overriders overriders) {}
