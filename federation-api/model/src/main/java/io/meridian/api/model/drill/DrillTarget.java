package io.meridian.api.model.drill;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;

/** The one cluster, or all clusters of one region, a drill acts on. */
@ApiType
@ValidationRule(value = "has(self.cluster) != has(self.region)", message = "set exactly one of cluster and region")
public record DrillTarget(
        @JsonPropertyDescription("The name of a Cluster.") String cluster,

        @JsonPropertyDescription("A region: every Cluster whose spec.region it is.")
        String region) {

    public DrillTarget {
        cluster = ApiValues.text(cluster);
        region = ApiValues.text(region);
    }

    /** The cluster {@code name}. */
    public static DrillTarget cluster(String name) {
        return new DrillTarget(name, null);
    }

    /** Every cluster of {@code region}. */
    public static DrillTarget region(String region) {
        return new DrillTarget(null, region);
    }
}
