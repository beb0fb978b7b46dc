package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import java.util.List;

/**
 * How much of the divided replicas each cluster takes: fixed weights, or weights computed from the
 * clusters' free capacity. With neither, every chosen cluster weighs the same.
 */
@ApiType
public record WeightPreference(
        @JsonPropertyDescription("Fixed weights by cluster set; clusters matched by no entry get nothing.")
        List<StaticClusterWeight> staticWeightList,

        @JsonPropertyDescription(
                "Compute weights from the clusters' state instead; when set, staticWeightList is ignored.")
        DynamicWeightFactor dynamicWeight) {

    public WeightPreference {
        staticWeightList = ApiValues.list(staticWeightList);
    }
}
