package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.meridian.api.model.meta.ApiType;

/** How many distinct groups of clusters (regions, zones or clusters) a workload must span. */
@ApiType
@ValidationRule(
        value = "!has(self.maxGroups) || !has(self.minGroups) || self.maxGroups >= self.minGroups",
        message = "maxGroups must not be less than minGroups")
public record SpreadConstraint(
        @JsonPropertyDescription("The cluster property to group by: cluster, region or zone.") @Required
        SpreadByField spreadByField,

        @JsonPropertyDescription("The fewest groups to place into; scheduling fails if fewer are available.") @Min(1)
        Integer minGroups,

        @JsonPropertyDescription("The most groups to place into.") @Min(1)
        Integer maxGroups) {

    /** At least {@code min} and at most {@code max} groups by {@code field}. */
    public static SpreadConstraint of(SpreadByField field, Integer min, Integer max) {
        return new SpreadConstraint(field, min, max);
    }
}
