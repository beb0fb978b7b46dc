package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.meridian.api.model.work.AggregatedStatusItem;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.TargetCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Meridian knows about one kind of object: how many replicas it asks for and how to
 * change them, which fields the member cluster owns, whether it is healthy, which part of its status
 * matters and how to sum that status over clusters, and which objects it needs beside it.
 *
 * <p>The scheduler, the Work renderer, member-sync and the status aggregator all go through this
 * interface (usually through {@link InterpreterRegistry}, which picks the implementation by the
 * object's group and kind), so no controller switches on kind.
 *
 * <p>Objects go in and come out as fabric8 {@link GenericKubernetesResource}; status snapshots are
 * Jackson {@link ObjectNode}s, the form {@code ManifestStatus.status} and
 * {@code AggregatedStatusItem.status} hold. No operation changes its arguments: results are new
 * objects. Implementations are stateless and thread-safe.
 */
public interface ResourceInterpreter {

    /**
     * On a manifest (or on the member's copy): {@code "true"} when a HorizontalPodAutoscaler in the
     * member cluster owns {@code spec.replicas}, so that {@link #retain} keeps the member's replicas
     * instead of resetting them to the scheduler's share on every update.
     */
    String RETAIN_REPLICAS_ANNOTATION = "meridian.io/retain-replicas";

    /**
     * On a manifest: {@code "true"} to keep labels and annotations that the member's copy has and
     * the manifest does not (set by controllers or people in the member cluster). Without it the
     * manifest's labels and annotations replace the member's.
     */
    String RETAIN_MEMBER_METADATA_ANNOTATION = "meridian.io/retain-member-metadata";

    /**
     * The desired replicas and what one replica requests; empty for kinds without replicas
     * (Service, ConfigMap, DaemonSet, CronJob, custom resources...).
     */
    Optional<WorkloadReplicas> replicas(GenericKubernetesResource object);

    /**
     * A copy of {@code object} that runs {@code replicas} replicas: {@code spec.replicas} of a
     * Deployment, StatefulSet or ReplicaSet, {@code spec.parallelism} of a Job. Kinds without
     * replicas (see {@link #replicas}) come back as an unchanged copy.
     *
     * @throws IllegalArgumentException if {@code replicas} is negative
     */
    GenericKubernetesResource reviseReplicas(GenericKubernetesResource object, int replicas);

    /**
     * The template's copy for each target cluster when its replicas are divided among the targets
     * (ReplicaScheduling Divided), keyed by cluster name in the order of {@code targets}. Each copy
     * is {@link #reviseReplicas} with the target's replicas (an unchanged copy when a target has
     * none); a Job also has its {@code spec.completions}, when set, divided in proportion to the
     * targets' replicas, so that the clusters together complete what the template asks. With
     * Duplicated scheduling every cluster gets the template as it is and this is not needed.
     */
    Map<String, GenericKubernetesResource> divideReplicas(
            GenericKubernetesResource template, List<TargetCluster> targets);

    /**
     * The object to write to the member cluster with a read-modify-write update: {@code desired}
     * with the fields the member cluster owns taken from {@code observed}, its current copy there.
     *
     * <p>Every kind: {@code metadata.resourceVersion} (for optimistic concurrency), {@code uid},
     * {@code creationTimestamp}, {@code generation} and {@code status} come from {@code observed};
     * finalizers are the union of both (member controllers add theirs); owner references come from
     * {@code observed} when {@code desired} has none. Labels and annotations are {@code desired}'s,
     * plus the member's other keys only when {@code desired} carries
     * {@link #RETAIN_MEMBER_METADATA_ANNOTATION}. Per kind: a Service keeps its allocated cluster
     * IPs, IP families, node ports and health check node port when {@code desired} leaves them
     * unset; a ServiceAccount its token secrets; a PersistentVolumeClaim its bound volume and
     * defaulted storage class; a Job its generated selector and controller labels; a Pod its node,
     * service account, injected volumes and tolerations; Deployments, StatefulSets and ReplicaSets
     * their replicas when marked with {@link #RETAIN_REPLICAS_ANNOTATION} (the manifest's mark
     * decides when it has one, else the member's copy's).
     */
    GenericKubernetesResource retain(GenericKubernetesResource desired, GenericKubernetesResource observed);

    /**
     * Whether {@code object}, as read from a member cluster, does its job. {@code UNKNOWN} when its
     * controller has not reported yet (no status) or reports that it does not know.
     */
    ResourceHealth health(GenericKubernetesResource object);

    /**
     * The part of the member object's status that the federation needs, for
     * {@code ManifestStatus.status}; empty when the object has no status to report. Deployments,
     * StatefulSets, DaemonSets and ReplicaSets also carry the member object's {@code generation}
     * beside {@code observedGeneration}, so that the aggregator can tell whether the member's
     * controller has caught up.
     */
    Optional<ObjectNode> reflectStatus(GenericKubernetesResource object);

    /**
     * A copy of the federated {@code template} whose {@code status} sums up its copies in the member
     * clusters, one {@code item} per cluster, as {@code kubectl get} against the federation API
     * should show it. An item with no status (not applied, or not reported yet) counts as a cluster
     * that has nothing ready. The caller passes only items that describe the current Works: an item
     * from a Work older than the template should be passed with a null status.
     */
    GenericKubernetesResource aggregateStatus(GenericKubernetesResource template, List<AggregatedStatusItem> items);

    /**
     * The objects {@code object} needs beside it in every cluster it goes to, in the order
     * ConfigMaps, Secrets, ServiceAccounts, PersistentVolumeClaims, each sorted by name, without
     * duplicates. For workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod)
     * they are read from the pod template: volumes (including projected sources and the secrets of
     * CSI and other volume plugins), {@code env} and {@code envFrom} of every container, init and
     * ephemeral container, {@code imagePullSecrets}, and the service account unless it is
     * {@code default}.
     */
    List<DependentObjectReference> dependencies(GenericKubernetesResource object);
}
