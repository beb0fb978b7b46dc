package io.meridian.sandbox.member;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The status a real workload controller would write for a given {@link Rollout.Progress}: the same fields, the same
 * condition types, reasons and messages, zeros left out where Kubernetes leaves them out (so that code reading the
 * status copes with what a real cluster returns), and condition timestamps kept unless the condition changed — which
 * is what makes recomputing the status idempotent.
 */
final class WorkloadStatuses {

    private WorkloadStatuses() {}

    static DeploymentStatus deployment(Deployment d, Rollout.Progress p, Instant now) {
        DeploymentStatus old = d.getStatus();
        String replicaSet = d.getMetadata().getName() + "-" + p.template();
        int available = p.ready();
        boolean minimum = available >= p.replicas() - maxUnavailable(d.getSpec().getStrategy(), p.replicas());
        DeploymentCondition availableCondition = minimum
                ? deploymentCondition(
                        "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
                : deploymentCondition(
                        "Available",
                        "False",
                        "MinimumReplicasUnavailable",
                        "Deployment does not have minimum availability.");
        DeploymentCondition progressing;
        if (p.complete()) {
            progressing = deploymentCondition(
                    "Progressing",
                    "True",
                    "NewReplicaSetAvailable",
                    "ReplicaSet \"" + replicaSet + "\" has successfully progressed.");
        } else if (p.stalled()) {
            progressing = deploymentCondition(
                    "Progressing",
                    "False",
                    "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + replicaSet + "\" has timed out progressing.");
        } else {
            progressing = deploymentCondition(
                    "Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"" + replicaSet + "\" is progressing.");
        }
        List<DeploymentCondition> previous =
                old == null || old.getConditions() == null ? List.of() : old.getConditions();
        return new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(nonZero(p.replicas()))
                .withUpdatedReplicas(nonZero(p.updated()))
                .withReadyReplicas(nonZero(p.ready()))
                .withAvailableReplicas(nonZero(available))
                .withUnavailableReplicas(nonZero(p.replicas() - available))
                .withConditions(keepTimes(availableCondition, previous, now), keepTimes(progressing, previous, now))
                .withCollisionCount(old == null ? null : old.getCollisionCount())
                .build();
    }

    static StatefulSetStatus statefulSet(StatefulSet s, Rollout.Progress p) {
        StatefulSetStatus old = s.getStatus();
        String name = s.getMetadata().getName();
        String updateRevision = name + "-" + p.template();
        String currentRevision =
                p.complete() || p.readyTemplate() == null ? updateRevision : name + "-" + p.readyTemplate();
        int current = p.complete() ? p.replicas() : p.ready();
        return new StatefulSetStatusBuilder()
                .withObservedGeneration(s.getMetadata().getGeneration())
                .withReplicas(p.replicas())
                .withReadyReplicas(nonZero(p.ready()))
                .withCurrentReplicas(nonZero(current))
                .withUpdatedReplicas(nonZero(p.updated()))
                .withAvailableReplicas(p.ready())
                .withCurrentRevision(currentRevision)
                .withUpdateRevision(updateRevision)
                .withCollisionCount(old == null || old.getCollisionCount() == null ? 0 : old.getCollisionCount())
                .withConditions(old == null ? null : old.getConditions())
                .build();
    }

    /**
     * @param desired nodes the DaemonSet should run on
     * @param p progress over the Ready ones among them (a pod on a NotReady node is not ready)
     */
    static DaemonSetStatus daemonSet(DaemonSet ds, int desired, Rollout.Progress p) {
        DaemonSetStatus old = ds.getStatus();
        return new DaemonSetStatusBuilder()
                .withObservedGeneration(ds.getMetadata().getGeneration())
                .withDesiredNumberScheduled(desired)
                .withCurrentNumberScheduled(desired)
                .withNumberMisscheduled(0)
                .withNumberReady(p.ready())
                .withUpdatedNumberScheduled(nonZero(p.complete() ? desired : p.updated()))
                .withNumberAvailable(nonZero(p.ready()))
                .withNumberUnavailable(nonZero(desired - p.ready()))
                .withCollisionCount(old == null ? null : old.getCollisionCount())
                .withConditions(old == null ? null : old.getConditions())
                .build();
    }

    /**
     * How many pods a rolling update may have unavailable: Kubernetes' rule (an absolute number or a percentage of the
     * replicas rounded down, 25% by default; none for {@code Recreate}).
     */
    static int maxUnavailable(DeploymentStrategy strategy, int replicas) {
        if (replicas == 0 || (strategy != null && "Recreate".equals(strategy.getType()))) {
            return 0;
        }
        IntOrString value = strategy == null || strategy.getRollingUpdate() == null
                ? null
                : strategy.getRollingUpdate().getMaxUnavailable();
        if (value == null) {
            return replicas / 4;
        }
        if (value.getIntVal() != null) {
            return Math.min(value.getIntVal(), replicas);
        }
        String s = value.getStrVal();
        if (s != null && s.endsWith("%")) {
            try {
                return Math.min(replicas, Integer.parseInt(s.substring(0, s.length() - 1)) * replicas / 100);
            } catch (NumberFormatException e) {
                return replicas / 4;
            }
        }
        return replicas / 4;
    }

    private static DeploymentCondition deploymentCondition(String type, String status, String reason, String message) {
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .build();
    }

    /** Kubernetes' rule: the transition time moves when the status does, the update time when anything does. */
    private static DeploymentCondition keepTimes(
            DeploymentCondition next, List<DeploymentCondition> previous, Instant now) {
        String time = rfc3339(now);
        DeploymentCondition old = previous.stream()
                .filter(c -> next.getType().equals(c.getType()))
                .findFirst()
                .orElse(null);
        boolean sameStatus = old != null && Objects.equals(old.getStatus(), next.getStatus());
        boolean same = sameStatus
                && Objects.equals(old.getReason(), next.getReason())
                && Objects.equals(old.getMessage(), next.getMessage());
        next.setLastTransitionTime(
                sameStatus && old.getLastTransitionTime() != null ? old.getLastTransitionTime() : time);
        next.setLastUpdateTime(same && old.getLastUpdateTime() != null ? old.getLastUpdateTime() : time);
        return next;
    }

    /** Kubernetes omits zero counts ({@code omitempty}); so does the simulator. */
    static Integer nonZero(int n) {
        return n == 0 ? null : n;
    }

    /** Kubernetes timestamps: RFC 3339, whole seconds, UTC. */
    static String rfc3339(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
