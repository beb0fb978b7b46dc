package io.meridian.fedctl.rollout;

import io.meridian.api.model.work.ResourceHealth;

/**
 * How a federated object fares in one member cluster, from its binding and the cluster's own state.
 *
 * @param cluster the member cluster
 * @param clusterReady whether the cluster itself is Ready; when not, what it last reported is stale
 * @param clusterState {@code Ready}, or {@code NotReady (HeartbeatExpired)} and the like
 * @param replicas the replicas the scheduler gave it; null for kinds without replicas
 * @param applied whether the member applied the current version
 * @param readyReplicas ready replicas the member last reported; null when it reports none
 * @param health the member copy's health; {@code UNKNOWN} while the cluster is not Ready
 * @param message why it is not applied or not known, when it is not
 */
public record ClusterProgress(
        String cluster,
        boolean clusterReady,
        String clusterState,
        Integer replicas,
        boolean applied,
        Integer readyReplicas,
        ResourceHealth health,
        String message) {

    /** Whether this cluster is done: Ready itself, applied and healthy. */
    public boolean ready() {
        return clusterReady && applied && health == ResourceHealth.HEALTHY;
    }

    /** {@code 3/4}, or {@code -} for kinds without replicas. */
    public String readyText() {
        if (replicas == null) {
            return "-";
        }
        return (readyReplicas == null ? 0 : readyReplicas) + "/" + replicas;
    }

    /** {@code Healthy}, {@code Unhealthy} or {@code Unknown}. */
    public String healthText() {
        if (health == null) {
            return "Unknown";
        }
        return switch (health) {
            case HEALTHY -> "Healthy";
            case UNHEALTHY -> "Unhealthy";
            case UNKNOWN -> "Unknown";
        };
    }
}
