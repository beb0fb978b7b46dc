package io.meridian.apiserver.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Set;

/**
 * Which zero values on the wire mean "unset". Go's protobuf code writes every plain (non-pointer)
 * field, zero or not, and only set pointer fields; its JSON then drops zero plain fields tagged
 * {@code omitempty} and keeps a pointer's zero ({@code replicas: 0},
 * {@code automountServiceAccountToken: false}). The descriptors cannot tell the two apart, so:
 *
 * <ul>
 *   <li>an empty string is unset unless the schema requires the field (Go's JSON keeps required
 *       fields, which carry no {@code omitempty}), or it is one of the few pointers where {@code ""}
 *       means something;
 *   <li>a zero number or {@code false} is kept (keeping a plain field's zero changes nothing Go
 *       would see, dropping a pointer's changes its meaning), except for the plain
 *       {@code omitempty} fields listed here, those of the objects kubectl's generators build and
 *       of their status, so that such an object reads exactly as its JSON does.
 * </ul>
 */
final class OmitEmpty {

    private static final String CORE = "k8s.io.api.core.v1.";
    private static final String APPS = "k8s.io.api.apps.v1.";
    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";

    /** Plain Go fields tagged {@code omitempty}, by message and field name. */
    private static final Set<String> PLAIN_NUMBERS_AND_BOOLS = Set.of(
            META + "ObjectMeta.generation",
            META + "Condition.observedGeneration",
            CORE + "Container.stdin",
            CORE + "Container.stdinOnce",
            CORE + "Container.tty",
            CORE + "EphemeralContainerCommon.stdin",
            CORE + "EphemeralContainerCommon.stdinOnce",
            CORE + "EphemeralContainerCommon.tty",
            CORE + "ContainerPort.hostPort",
            CORE + "VolumeMount.readOnly",
            CORE + "Probe.initialDelaySeconds",
            CORE + "Probe.timeoutSeconds",
            CORE + "Probe.periodSeconds",
            CORE + "Probe.successThreshold",
            CORE + "Probe.failureThreshold",
            CORE + "PodSpec.hostNetwork",
            CORE + "PodSpec.hostPID",
            CORE + "PodSpec.hostIPC",
            CORE + "ServicePort.nodePort",
            CORE + "ServiceSpec.healthCheckNodePort",
            CORE + "ServiceSpec.publishNotReadyAddresses",
            CORE + "ReplicationControllerSpec.minReadySeconds",
            CORE + "Event.count",
            APPS + "DeploymentSpec.minReadySeconds",
            APPS + "DeploymentSpec.paused",
            APPS + "DeploymentStatus.observedGeneration",
            APPS + "DeploymentStatus.replicas",
            APPS + "DeploymentStatus.updatedReplicas",
            APPS + "DeploymentStatus.readyReplicas",
            APPS + "DeploymentStatus.availableReplicas",
            APPS + "DeploymentStatus.unavailableReplicas",
            APPS + "ReplicaSetSpec.minReadySeconds",
            APPS + "StatefulSetSpec.minReadySeconds",
            APPS + "DaemonSetSpec.minReadySeconds",
            "k8s.io.api.batch.v1.JobStatus.active",
            "k8s.io.api.batch.v1.JobStatus.succeeded",
            "k8s.io.api.batch.v1.JobStatus.failed",
            "k8s.io.api.networking.v1.ServiceBackendPort.number",
            "k8s.io.api.policy.v1.PodDisruptionBudgetStatus.observedGeneration",
            "k8s.io.api.scheduling.v1.PriorityClass.globalDefault");

    /** Pointers to strings whose {@code ""} differs from unset ({@code ""} asks for no storage class). */
    private static final Set<String> MEANINGFUL_EMPTY_STRINGS =
            Set.of(CORE + "PersistentVolumeClaimSpec.storageClassName", CORE + "PersistentVolumeSpec.storageClassName");

    private OmitEmpty() {}

    /** Whether a zero value of {@code field} that came on the wire is left out of the JSON. */
    static boolean dropsZero(FieldDescriptor field, boolean required) {
        if (required) {
            return false;
        }
        String name = field.getContainingType().getFullName() + "." + field.getName();
        return switch (field.getJavaType()) {
            case STRING -> !MEANINGFUL_EMPTY_STRINGS.contains(name);
            case INT, LONG, FLOAT, DOUBLE, BOOLEAN -> PLAIN_NUMBERS_AND_BOOLS.contains(name);
            default -> false;
        };
    }
}
