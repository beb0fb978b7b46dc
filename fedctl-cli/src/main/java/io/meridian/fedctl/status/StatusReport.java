package io.meridian.fedctl.status;

import io.meridian.api.model.meta.Condition;
import java.util.List;

/**
 * What {@code fedctl status} knows about one federated object; also its {@code -o json|yaml} form.
 *
 * @param kind the object's kind
 * @param namespace its namespace; null when cluster-scoped
 * @param name its name
 * @param policy the policy that places it, such as {@code PropagationPolicy shop/web}; null if none
 * @param binding the binding's name; null if there is none
 * @param phase Pending, Unschedulable, Failed, Progressing or Ready
 * @param summary one phrase about the rollout
 * @param replicas the desired replicas; null for kinds without replicas
 * @param clusters one entry per target cluster
 * @param conditions the binding's conditions
 * @param events recent events about the object, its binding and its Works, oldest first
 */
public record StatusReport(
        String kind,
        String namespace,
        String name,
        String policy,
        String binding,
        String phase,
        String summary,
        Integer replicas,
        List<ClusterStatus> clusters,
        List<Condition> conditions,
        List<EventLine> events) {

    /**
     * The object in one cluster.
     *
     * @param cluster the member cluster
     * @param clusterState {@code Ready}, or {@code NotReady (REASON)}: whether the cluster itself is
     *     Ready; when not, what it last reported is stale
     * @param replicas replicas assigned there; null for kinds without replicas
     * @param applied whether the member applied the current version
     * @param readyReplicas ready replicas reported there
     * @param health Healthy, Unhealthy or Unknown
     * @param message why it is not applied
     * @param work the Work carrying it there, as namespace/name
     * @param workConditions the Work's conditions
     * @param overrides the override policies applied to it there
     */
    public record ClusterStatus(
            String cluster,
            String clusterState,
            Integer replicas,
            boolean applied,
            Integer readyReplicas,
            String health,
            String message,
            String work,
            List<Condition> workConditions,
            String overrides) {}

    /**
     * One event.
     *
     * @param time when it happened (RFC 3339)
     * @param type Normal or Warning
     * @param reason such as Bound, Applied, ApplyFailed
     * @param object what it is about, as kind/name
     * @param message the event's note
     */
    public record EventLine(String time, String type, String reason, String object, String message) {}
}
