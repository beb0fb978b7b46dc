package io.meridian.controller.overrides;

import io.meridian.api.model.cluster.Cluster;
import java.util.Map;

/**
 * The member cluster a manifest is rendered for, as override rules' {@code targetCluster} sees it.
 *
 * @param name the Cluster's name
 * @param region its {@code spec.region}; may be null
 * @param labels its labels; never null
 */
public record OverrideTarget(String name, String region, Map<String, String> labels) {

    public OverrideTarget {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The target for {@code cluster}. */
    public static OverrideTarget of(Cluster cluster) {
        return new OverrideTarget(
                cluster.getMetadata().getName(),
                cluster.getSpec() == null ? null : cluster.getSpec().region(),
                cluster.getMetadata().getLabels());
    }
}
