package io.meridian.api.model.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import java.util.Map;

/**
 * The capacity of a member cluster summed over its Ready nodes, used to divide replicas by available
 * capacity.
 */
@ApiType
public record ResourceSummary(
        @JsonPropertyDescription("Allocatable resources of all Ready nodes, by resource name (cpu, memory,"
                + " pods...), as quantities such as 8 or 32Gi.")
        Map<String, Quantity> allocatable,

        @JsonPropertyDescription("Resources requested by the pods running on those nodes, by resource name.")
        Map<String, Quantity> allocated) {

    public ResourceSummary {
        allocatable = ApiValues.map(allocatable);
        allocated = ApiValues.map(allocated);
    }
}
