package io.meridian.fedctl.rollout;

import io.meridian.api.model.work.ResourceHealth;

/**
 * How a federated object fares in one member cluster, from its binding.
 *
 * @param cluster the member cluster
 * @param replicas the replicas the scheduler gave it; null for kinds without replicas
 * @param applied whether the member applied the current version
 * @param readyReplicas ready replicas the member reports; null when it reports none
 * @param health the member copy's health
 * @param message why it is not applied, when it is not
 */
public record ClusterProgress(
        String cluster,
        Integer replicas,
        boolean applied,
        Integer readyReplicas,
        ResourceHealth health,
        String message) {

    /** Whether this cluster is done: applied and healthy. */
    public boolean ready() {
        return applied && health == ResourceHealth.HEALTHY;
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
