package io.meridian.controller.scheduling;

import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.ClusterStatus;
import io.meridian.api.model.cluster.ResourceSummary;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.meta.Taint;
import io.meridian.api.model.names.ConditionTypes;
import java.util.List;
import java.util.Map;

/**
 * A member cluster as the scheduler sees it.
 *
 * @param name the Cluster's name
 * @param region {@code spec.region}; may be null
 * @param zone {@code spec.zone}; may be null
 * @param labels the Cluster's labels; never null
 * @param taints {@code spec.taints}; never null
 * @param ready whether the Cluster's Ready condition is True
 * @param resources {@code status.resourceSummary}; null when the cluster has not reported its
 *     capacity, which counts as room for no replica where capacity matters
 */
public record ClusterCandidate(
        String name,
        String region,
        String zone,
        Map<String, String> labels,
        List<Taint> taints,
        boolean ready,
        ResourceSummary resources) {

    public ClusterCandidate {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        taints = taints == null ? List.of() : List.copyOf(taints);
    }

    /** A Ready cluster without taints, labels or reported capacity, for tests and tools. */
    public static ClusterCandidate of(String name, String region, String zone) {
        return new ClusterCandidate(name, region, zone, null, null, true, null);
    }

    /** The candidate for {@code cluster}, read from its metadata, spec and status. */
    public static ClusterCandidate from(Cluster cluster) {
        ClusterSpec spec = cluster.getSpec();
        ClusterStatus status = cluster.getStatus();
        return new ClusterCandidate(
                cluster.getMetadata().getName(),
                spec == null ? null : spec.region(),
                spec == null ? null : spec.zone(),
                cluster.getMetadata().getLabels(),
                spec == null ? null : spec.taints(),
                status != null && Conditions.isTrue(status.conditions(), ConditionTypes.READY),
                status == null ? null : status.resourceSummary());
    }

    /** The same candidate with another readiness. */
    public ClusterCandidate withReady(boolean newReady) {
        return new ClusterCandidate(name, region, zone, labels, taints, newReady, resources);
    }

    /** The same candidate with other taints. */
    public ClusterCandidate withTaints(List<Taint> newTaints) {
        return new ClusterCandidate(name, region, zone, labels, newTaints, ready, resources);
    }

    /** The same candidate with another resource summary. */
    public ClusterCandidate withResources(ResourceSummary newResources) {
        return new ClusterCandidate(name, region, zone, labels, taints, ready, newResources);
    }
}
