package io.meridian.controller.scheduling;

import io.fabric8.kubernetes.api.model.Quantity;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.policy.FailoverBehavior;
import io.meridian.api.model.policy.Placement;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.TargetCluster;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Scheduler#schedule} needs to place one workload.
 *
 * @param replicas the workload's desired replicas; null for a kind without replicas (a ConfigMap, a
 *     Service), which every selected cluster receives as it is
 * @param replicaRequest the resources one replica requests (cpu, memory...), used to count how many
 *     replicas fit in each cluster; empty when unknown
 * @param placement the policy's placement; null means every cluster, duplicated
 * @param failover the policy's failover behavior, whose toleration durations also tolerate the
 *     taints Meridian sets on failed clusters; null means the defaults
 * @param clusters the candidate clusters
 * @param previous the previous scheduling result, kept wherever the placement allows; empty for a
 *     first scheduling
 * @param now the time against which NoExecute tolerations run out
 */
public record SchedulingRequest(
        Integer replicas,
        Map<String, Quantity> replicaRequest,
        Placement placement,
        FailoverBehavior failover,
        List<ClusterCandidate> clusters,
        List<TargetCluster> previous,
        Instant now) {

    public SchedulingRequest {
        replicaRequest = replicaRequest == null ? Map.of() : Map.copyOf(replicaRequest);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        previous = previous == null ? List.of() : List.copyOf(previous);
        now = now == null ? Instant.now() : now;
    }

    /**
     * The request to reschedule the binding {@code spec} over {@code clusters}: its replicas,
     * placement and failover behavior, with its current clusters as the previous result.
     */
    public static SchedulingRequest forBinding(
            ResourceBindingSpec spec, Collection<Cluster> clusters, Map<String, Quantity> replicaRequest, Instant now) {
        return builder()
                .replicas(spec.replicas())
                .replicaRequest(replicaRequest)
                .placement(spec.placement())
                .failover(spec.failover())
                .clusters(clusters.stream().map(ClusterCandidate::from).toList())
                .previous(spec.clusters())
                .now(now)
                .build();
    }

    /** A builder; {@code now} defaults to the current time. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        return new Builder()
                .replicas(replicas)
                .replicaRequest(replicaRequest)
                .placement(placement)
                .failover(failover)
                .clusters(clusters)
                .previous(previous)
                .now(now);
    }

    /** Builds a {@link SchedulingRequest}. */
    public static final class Builder {
        private Integer replicas;
        private Map<String, Quantity> replicaRequest;
        private Placement placement;
        private FailoverBehavior failover;
        private List<ClusterCandidate> clusters;
        private List<TargetCluster> previous;
        private Instant now;

        private Builder() {}

        public Builder replicas(Integer replicas) {
            this.replicas = replicas;
            return this;
        }

        public Builder replicaRequest(Map<String, Quantity> replicaRequest) {
            this.replicaRequest = replicaRequest;
            return this;
        }

        public Builder placement(Placement placement) {
            this.placement = placement;
            return this;
        }

        public Builder failover(FailoverBehavior failover) {
            this.failover = failover;
            return this;
        }

        public Builder clusters(List<ClusterCandidate> clusters) {
            this.clusters = clusters;
            return this;
        }

        public Builder clusters(ClusterCandidate... clusters) {
            return clusters(List.of(clusters));
        }

        public Builder previous(List<TargetCluster> previous) {
            this.previous = previous;
            return this;
        }

        public Builder now(Instant now) {
            this.now = now;
            return this;
        }

        public SchedulingRequest build() {
            return new SchedulingRequest(replicas, replicaRequest, placement, failover, clusters, previous, now);
        }
    }
}
