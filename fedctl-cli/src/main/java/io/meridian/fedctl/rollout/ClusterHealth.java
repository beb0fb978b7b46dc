package io.meridian.fedctl.rollout;

import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionTypes;
import java.util.List;
import java.util.Optional;

/**
 * Whether a member cluster is Ready, as its Ready condition says. A workload's last report from a
 * cluster that is not Ready is stale: the member may have lost it since.
 *
 * @param cluster the cluster's name
 * @param ready whether its Ready condition is True
 * @param reason the Ready condition's reason ({@code HeartbeatExpired}...); null when it has none
 * @param message the Ready condition's message; null when it has none
 */
public record ClusterHealth(String cluster, boolean ready, String reason, String message) {

    /** A cluster the federation does not know (any more): never Ready. */
    public static ClusterHealth missing(String cluster) {
        return new ClusterHealth(cluster, false, "ClusterNotFound", "the Cluster does not exist");
    }

    public static ClusterHealth of(Cluster cluster) {
        List<Condition> conditions =
                cluster.getStatus() == null ? List.of() : cluster.getStatus().conditions();
        Optional<Condition> ready = Conditions.find(conditions, ConditionTypes.READY);
        return new ClusterHealth(
                cluster.getMetadata().getName(),
                ready.isPresent() && ready.get().status() == ConditionStatus.TRUE,
                ready.map(Condition::reason).orElse(null),
                ready.map(Condition::message).orElse(null));
    }

    /** {@code Ready}, or {@code NotReady} with the reason: {@code NotReady (HeartbeatExpired)}. */
    public String text() {
        if (ready) {
            return "Ready";
        }
        return reason == null ? "NotReady" : "NotReady (" + reason + ")";
    }
}
