package io.meridian.controller.detector;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.meridian.api.model.MeridianApi;
import io.meridian.api.model.names.Finalizers;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.work.PolicyKind;
import io.meridian.api.model.work.PolicyReference;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceBindingStatus;
import io.meridian.api.model.work.ResourceReference;
import io.meridian.api.model.work.Work;
import io.meridian.controller.binding.Bindings;
import io.meridian.controller.events.EventReasons;
import io.meridian.controller.events.EventRecorder;
import io.meridian.controller.federated.FederatedInformers;
import io.meridian.controller.federated.ResourceKey;
import io.meridian.controller.matching.PropagationMatch;
import io.meridian.controller.matching.PropagationPolicyMatcher;
import io.meridian.controller.matching.ResourceIdentity;
import io.meridian.membersync.interpreter.ResourceInterpreter;
import io.meridian.membersync.interpreter.WorkloadReplicas;
import io.meridian.reconciler.ObjectKey;
import io.meridian.reconciler.Reconciler;
import io.meridian.reconciler.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds federated objects to the policy that places them, and unbinds them.
 *
 * <ul>
 *   <li>An object that a PropagationPolicy or ClusterPropagationPolicy selects gets the {@code
 *       meridian.io/cleanup} finalizer and the policy labels, and a ResourceBinding (a
 *       ClusterResourceBinding for a cluster-scoped object) that records it, its replicas as its
 *       interpreter reads them, and the winning policy's placement and settings. The binding's
 *       scheduling result and eviction tasks belong to others and are kept.
 *   <li>An object being deleted has its Works deleted; once they are all gone (the syncers remove
 *       their finalizers after removing the member copies) its binding is deleted and the finalizer
 *       removed, so the object goes.
 *   <li>An object that no policy selects any more is unbound: its binding is deleted (the renderer
 *       then deletes its Works) and, once the Works are gone, the finalizer and policy labels are
 *       removed. An object that never matched is left alone.
 *   <li>A binding whose object is gone is deleted.
 * </ul>
 *
 * <p>Objects of the control plane's own namespaces and of the meridian.io group are never bound.
 */
public final class ResourceDetector implements Reconciler<ResourceKey> {

    private static final Logger log = LoggerFactory.getLogger(ResourceDetector.class);

    /** How often an object waiting for its Works to go is looked at again, besides Work events. */
    static final Duration CLEANUP_RECHECK = Duration.ofSeconds(2);

    private static final Set<String> SKIPPED_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease");

    private final KubernetesClient client;
    private final FederatedInformers objects;
    private final Store<PropagationPolicy> policies;
    private final Store<ClusterPropagationPolicy> clusterPolicies;
    private final Bindings bindings;
    private final ResourceInterpreter interpreter;
    private final EventRecorder events;

    public ResourceDetector(
            KubernetesClient client,
            FederatedInformers objects,
            Store<PropagationPolicy> policies,
            Store<ClusterPropagationPolicy> clusterPolicies,
            Bindings bindings,
            ResourceInterpreter interpreter,
            EventRecorder events) {
        this.client = client;
        this.objects = objects;
        this.policies = policies;
        this.clusterPolicies = clusterPolicies;
        this.bindings = bindings;
        this.interpreter = interpreter;
        this.events = events;
    }

    /** Whether objects in {@code namespace} may be federated: not the control plane's own. */
    public static boolean federates(String namespace, String apiVersion) {
        if (apiVersion != null && apiVersion.startsWith(MeridianApi.GROUP + "/")) {
            return false;
        }
        return namespace == null
                || !(Namespaces.SYSTEM.equals(namespace)
                        || Namespaces.isExecutionNamespace(namespace)
                        || SKIPPED_NAMESPACES.contains(namespace));
    }

    @Override
    public Result reconcile(ResourceKey key) {
        if (!federates(key.namespace(), key.kind().apiVersion())) {
            return Result.DONE;
        }
        if (!objects.isWatched(key.kind())) {
            // The kind's informer is not started or filled yet (a binding seen before its kind).
            return Result.requeueAfter(CLEANUP_RECHECK);
        }
        ObjectKey bindingKey = Bindings.keyFor(key);
        Optional<CustomResource<ResourceBindingSpec, ResourceBindingStatus>> binding =
                bindings.get(bindingKey).filter(b -> bindsKind(b, key));
        Optional<GenericKubernetesResource> found = objects.get(key);
        if (found.isEmpty()) {
            // Gone without passing through the finalizer (removed by hand, or never set).
            if (binding.isPresent() && binding.get().getMetadata().getDeletionTimestamp() == null) {
                log.info("{} is gone; deleting its binding {}", key, bindingKey);
                bindings.delete(bindingKey);
            }
            return Result.DONE;
        }
        GenericKubernetesResource object = found.get();
        if (object.getMetadata().getDeletionTimestamp() != null) {
            return hasFinalizer(object) ? cleanUp(key, object, bindingKey, binding) : Result.DONE;
        }
        Optional<PropagationMatch> match =
                PropagationPolicyMatcher.match(ResourceIdentity.of(object), policies.list(), clusterPolicies.list());
        if (match.isEmpty()) {
            if (binding.isPresent() || hasFinalizer(object) || policyLabelled(object)) {
                return unbind(key, object, bindingKey, binding);
            }
            return Result.DONE;
        }
        if (binding.isPresent() && binding.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.requeueAfter(CLEANUP_RECHECK);
        }
        object = claim(object, match.get());
        bind(key, object, bindingKey, binding, match.get());
        return Result.DONE;
    }

    private static boolean bindsKind(
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding, ResourceKey key) {
        ResourceReference resource =
                binding.getSpec() == null ? null : binding.getSpec().resource();
        return resource != null
                && key.kind().kind().equals(resource.kind())
                && key.name().equals(resource.name());
    }

    // --- binding ---------------------------------------------------------------------------------

    /** Puts the finalizer and the policy labels on the object; returns the object as written. */
    private GenericKubernetesResource claim(GenericKubernetesResource object, PropagationMatch match) {
        Map<String, String> labels = new HashMap<>(labels(object));
        policyLabels(match.policy(), labels);
        boolean labelled = labels.equals(labels(object));
        if (labelled && hasFinalizer(object)) {
            return object;
        }
        GenericKubernetesResource copy = bindings.copy(object);
        copy.getMetadata().setLabels(labels);
        if (!hasFinalizer(copy)) {
            List<String> finalizers = new ArrayList<>(
                    copy.getMetadata().getFinalizers() == null
                            ? List.of()
                            : copy.getMetadata().getFinalizers());
            finalizers.add(Finalizers.CLEANUP);
            copy.getMetadata().setFinalizers(finalizers);
        }
        return write(copy);
    }

    private void bind(
            ResourceKey key,
            GenericKubernetesResource object,
            ObjectKey bindingKey,
            Optional<CustomResource<ResourceBindingSpec, ResourceBindingStatus>> existing,
            PropagationMatch match) {
        PropagationSpec policy = match.spec();
        Integer replicas =
                interpreter.replicas(object).map(WorkloadReplicas::replicas).orElse(null);
        ResourceBindingSpec.Builder builder =
                existing.isPresent() && existing.get().getSpec() != null
                        ? existing.get().getSpec().toBuilder()
                        : ResourceBindingSpec.builder();
        ResourceBindingSpec desired = builder.resource(ResourceReference.to(object))
                .replicas(replicas)
                .policy(match.policy())
                .placement(policy.placement())
                .conflictResolution(policy.effectiveConflictResolution())
                .applyStrategy(policy.effectiveApplyStrategy())
                .failover(policy.failover())
                .propagateDeps(policy.effectivePropagateDeps())
                .suspend(policy.suspended() ? Boolean.TRUE : null)
                .build();
        Map<String, String> labels = new HashMap<>();
        policyLabels(match.policy(), labels);

        if (existing.isEmpty()) {
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> created =
                    Bindings.newBinding(bindingKey, desired);
            created.getMetadata().setLabels(labels);
            try {
                created = client.resource(created).create();
            } catch (KubernetesClientException e) {
                events.warning(
                        object,
                        EventReasons.BIND_FAILED,
                        "Bind",
                        "cannot create binding " + bindingKey + ": " + message(e));
                throw e;
            }
            log.info("Bound {}: {}", key, match.message());
            events.normal(object, EventReasons.BOUND, "Bind", match.message());
            events.normal(created, EventReasons.BOUND, "Bind", match.message());
            return;
        }
        CustomResource<ResourceBindingSpec, ResourceBindingStatus> current = existing.get();
        Map<String, String> currentLabels = new HashMap<>(labels(current));
        Map<String, String> nextLabels = new HashMap<>(currentLabels);
        nextLabels.remove(MeridianLabels.POLICY_NAMESPACE);
        nextLabels.putAll(labels);
        boolean specSame = sameIgnoringResourceVersion(current.getSpec(), desired);
        if (specSame && nextLabels.equals(currentLabels)) {
            return;
        }
        PolicyReference before =
                current.getSpec() == null ? null : current.getSpec().policy();
        CustomResource<ResourceBindingSpec, ResourceBindingStatus> copy = bindings.copy(current);
        copy.setSpec(desired);
        copy.getMetadata().setLabels(nextLabels);
        try {
            client.resource(copy).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                events.warning(
                        object,
                        EventReasons.BIND_FAILED,
                        "Bind",
                        "cannot update binding " + bindingKey + ": " + message(e));
            }
            throw e;
        }
        if (!samePolicy(before, match.policy())) {
            log.info("Bound {}: {}", key, match.message());
            events.normal(object, EventReasons.BOUND, "Bind", match.message());
        }
    }

    private static boolean sameIgnoringResourceVersion(ResourceBindingSpec current, ResourceBindingSpec desired) {
        if (current == null) {
            return false;
        }
        ResourceReference c = current.resource();
        ResourceReference d = desired.resource();
        ResourceReference aligned = c == null
                ? d
                : new ResourceReference(
                        d.apiVersion(), d.kind(), d.namespace(), d.name(), d.uid(), c.resourceVersion());
        return Objects.equals(current, desired.toBuilder().resource(aligned).build());
    }

    private static boolean samePolicy(PolicyReference a, PolicyReference b) {
        return a != null
                && b != null
                && a.kind() == b.kind()
                && Objects.equals(a.namespace(), b.namespace())
                && Objects.equals(a.name(), b.name());
    }

    private static void policyLabels(PolicyReference policy, Map<String, String> labels) {
        labels.put(MeridianLabels.POLICY_NAME, policy.name());
        if (policy.kind() == PolicyKind.PROPAGATION_POLICY) {
            labels.put(MeridianLabels.POLICY_NAMESPACE, policy.namespace());
        } else {
            labels.remove(MeridianLabels.POLICY_NAMESPACE);
        }
    }

    // --- deletion and unbinding ------------------------------------------------------------------

    /**
     * The object is being deleted: its Works go first, then (once every member has let go of its
     * copy) the binding, then the finalizer.
     */
    private Result cleanUp(
            ResourceKey key,
            GenericKubernetesResource object,
            ObjectKey bindingKey,
            Optional<CustomResource<ResourceBindingSpec, ResourceBindingStatus>> binding) {
        List<Work> works = bindings.works(bindingKey);
        if (!works.isEmpty()) {
            int deleting = deleteWorks(works);
            if (deleting > 0) {
                log.info("{} is being deleted: removing it from {} member clusters", key, deleting);
                events.normal(
                        object,
                        EventReasons.CLEANING_UP,
                        "Cleanup",
                        "removing the object from " + clusters(works) + " before it is deleted");
            }
            return Result.requeueAfter(CLEANUP_RECHECK);
        }
        if (binding.isPresent()) {
            bindings.delete(bindingKey);
        }
        release(object, false);
        log.info("{} is gone from every member; its finalizer is removed", key);
        return Result.DONE;
    }

    /** The object matches no policy any more: the binding goes first, so its Works are not rendered again. */
    private Result unbind(
            ResourceKey key,
            GenericKubernetesResource object,
            ObjectKey bindingKey,
            Optional<CustomResource<ResourceBindingSpec, ResourceBindingStatus>> binding) {
        if (binding.isPresent()) {
            if (binding.get().getMetadata().getDeletionTimestamp() == null) {
                log.info("{} matches no policy any more; unbinding it", key);
                events.normal(
                        object,
                        EventReasons.UNBOUND,
                        "Unbind",
                        "no PropagationPolicy or ClusterPropagationPolicy selects the object any more; it is"
                                + " removed from the member clusters");
                bindings.delete(bindingKey);
            }
            return Result.requeueAfter(CLEANUP_RECHECK);
        }
        List<Work> works = bindings.works(bindingKey);
        if (!works.isEmpty()) {
            deleteWorks(works);
            return Result.requeueAfter(CLEANUP_RECHECK);
        }
        release(object, true);
        return Result.DONE;
    }

    /** Deletes the Works not being deleted yet; returns how many it deleted. */
    private int deleteWorks(List<Work> works) {
        int deleted = 0;
        for (Work work : works) {
            if (work.getMetadata().getDeletionTimestamp() == null) {
                try {
                    client.resource(work).delete();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) {
                        throw e;
                    }
                }
                deleted++;
            }
        }
        return deleted;
    }

    /** Removes the finalizer, and the policy labels when the object stays. */
    private void release(GenericKubernetesResource object, boolean removeLabels) {
        Map<String, String> labels = new HashMap<>(labels(object));
        if (removeLabels) {
            labels.remove(MeridianLabels.POLICY_NAME);
            labels.remove(MeridianLabels.POLICY_NAMESPACE);
        }
        if (!hasFinalizer(object) && labels.equals(labels(object))) {
            return;
        }
        GenericKubernetesResource copy = bindings.copy(object);
        copy.getMetadata().setLabels(labels.isEmpty() ? null : labels);
        List<String> finalizers = new ArrayList<>(
                copy.getMetadata().getFinalizers() == null
                        ? List.of()
                        : copy.getMetadata().getFinalizers());
        finalizers.remove(Finalizers.CLEANUP);
        copy.getMetadata().setFinalizers(finalizers);
        try {
            write(copy);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private GenericKubernetesResource write(GenericKubernetesResource copy) {
        var resources = client.genericKubernetesResources(copy.getApiVersion(), copy.getKind());
        String namespace = copy.getMetadata().getNamespace();
        return (namespace == null
                        ? resources.resource(copy)
                        : resources.inNamespace(namespace).resource(copy))
                .update();
    }

    private static String clusters(List<Work> works) {
        return String.join(
                ", ",
                works.stream()
                        .map(w -> Namespaces.clusterOf(w.getMetadata().getNamespace())
                                .orElse(w.getMetadata().getNamespace()))
                        .sorted()
                        .toList());
    }

    private static boolean hasFinalizer(HasMetadata object) {
        List<String> finalizers = object.getMetadata().getFinalizers();
        return finalizers != null && finalizers.contains(Finalizers.CLEANUP);
    }

    private static boolean policyLabelled(HasMetadata object) {
        return labels(object).containsKey(MeridianLabels.POLICY_NAME);
    }

    private static Map<String, String> labels(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
    }
}
