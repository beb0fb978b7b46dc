package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Toleration;
import java.util.List;

/** Which clusters a workload may go to, how widely it spreads, and how its replicas divide. */
@ApiType
public record Placement(
        @JsonPropertyDescription("The candidate clusters; absent means every cluster.")
        ClusterAffinity clusterAffinity,

        @JsonPropertyDescription("Taints of clusters that the workload tolerates. The taints Meridian sets on"
                + " failed clusters are tolerated for the durations in the policy's failover section.")
        List<Toleration> clusterTolerations,

        @JsonPropertyDescription("How many regions, zones or clusters the workload must span.")
        List<SpreadConstraint> spreadConstraints,

        @JsonPropertyDescription("How replicas are distributed; absent means Duplicated.")
        ReplicaScheduling replicaScheduling) {

    public Placement {
        clusterTolerations = ApiValues.list(clusterTolerations);
        spreadConstraints = ApiValues.list(spreadConstraints);
    }

    /** Duplicated to the clusters of {@code affinity}. */
    public static Placement of(ClusterAffinity affinity) {
        return new Placement(affinity, null, null, null);
    }

    /** The same placement with another replica scheduling. */
    public Placement withReplicaScheduling(ReplicaScheduling scheduling) {
        return new Placement(clusterAffinity, clusterTolerations, spreadConstraints, scheduling);
    }

    /** The same placement with other spread constraints. */
    public Placement withSpreadConstraints(List<SpreadConstraint> constraints) {
        return new Placement(clusterAffinity, clusterTolerations, constraints, replicaScheduling);
    }

    /** The same placement with other cluster tolerations. */
    public Placement withClusterTolerations(List<Toleration> tolerations) {
        return new Placement(clusterAffinity, tolerations, spreadConstraints, replicaScheduling);
    }
}
