package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;

/** One cluster chosen by the scheduler, and its share of the replicas. */
@ApiType
public record TargetCluster(
        @JsonPropertyDescription("The name of the cluster.") @Required
        String name,

        @JsonPropertyDescription("The replicas this cluster runs; absent for objects without replicas.") @Min(0)
        Integer replicas) {

    /** {@code name} running {@code replicas}. */
    public static TargetCluster of(String name, Integer replicas) {
        return new TargetCluster(name, replicas);
    }
}
