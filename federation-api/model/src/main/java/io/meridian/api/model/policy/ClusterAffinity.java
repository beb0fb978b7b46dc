package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.LabelSelector;
import java.util.List;
import java.util.Map;

/**
 * A set of member clusters: those named, or carrying the labels, or in the regions given, minus the
 * excluded ones. Every criterion that is set must hold; an empty affinity matches every cluster.
 */
@ApiType
public record ClusterAffinity(
        @JsonPropertyDescription("Names of the clusters; empty means any name.")
        List<String> clusterNames,

        @JsonPropertyDescription("Names of clusters never to match, whatever the other criteria say.")
        List<String> exclude,

        @JsonPropertyDescription("A label query over the Cluster objects' labels.")
        LabelSelector labelSelector,

        @JsonPropertyDescription("Regions (spec.region) the clusters must be in; empty means any region.")
        List<String> regions) {

    public ClusterAffinity {
        clusterNames = ApiValues.list(clusterNames);
        exclude = ApiValues.list(exclude);
        regions = ApiValues.list(regions);
    }

    /** The clusters with these names. */
    public static ClusterAffinity names(String... names) {
        return new ClusterAffinity(List.of(names), null, null, null);
    }

    /** The clusters in these regions. */
    public static ClusterAffinity regions(String... regions) {
        return new ClusterAffinity(null, null, null, List.of(regions));
    }

    /** Whether the cluster with this name, region and labels is in the set. */
    public boolean matches(String clusterName, String region, Map<String, String> labels) {
        // Immutable lists refuse contains(null), and a cluster without a region matches no region.
        if (clusterName != null && exclude.contains(clusterName)) {
            return false;
        }
        if (!clusterNames.isEmpty() && (clusterName == null || !clusterNames.contains(clusterName))) {
            return false;
        }
        if (!regions.isEmpty() && (region == null || !regions.contains(region))) {
            return false;
        }
        return labelSelector == null || labelSelector.matches(labels);
    }

    /** Whether {@code cluster} is in the set. */
    public boolean matches(Cluster cluster) {
        String region = cluster.getSpec() == null ? null : cluster.getSpec().region();
        return matches(
                cluster.getMetadata().getName(), region, cluster.getMetadata().getLabels());
    }
}
