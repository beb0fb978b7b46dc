package io.meridian.controller.binding;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.meta.Taint;
import io.meridian.api.model.meta.TaintEffect;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.work.PolicyKind;
import io.meridian.api.model.work.PolicyReference;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceBindingStatus;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.controller.events.EventReasons;
import io.meridian.controller.events.EventRecorder;
import io.meridian.controller.federated.FederatedInformers;
import io.meridian.controller.federated.ResourceKey;
import io.meridian.controller.matching.PropagationMatch;
import io.meridian.controller.policy.PolicyValidation;
import io.meridian.controller.scheduling.Scheduler;
import io.meridian.controller.scheduling.SchedulingRequest;
import io.meridian.controller.scheduling.SchedulingResult;
import io.meridian.membersync.interpreter.ResourceInterpreter;
import io.meridian.membersync.interpreter.WorkloadReplicas;
import io.meridian.reconciler.ObjectKey;
import io.meridian.reconciler.Reconciler;
import io.meridian.reconciler.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules bindings: {@link Scheduler#schedule} over the Clusters, from the binding's current
 * clusters as the previous result, into {@code spec.clusters}, with the {@code Scheduled}
 * condition and {@code schedulerObservedGeneration} in the status.
 *
 * <p>A binding whose policy is invalid ({@link PolicyValidation}) or cannot be placed keeps its
 * clusters; its condition says why, with an Event on the binding and on the federated object. The
 * result depends only on the binding, its policy and the Clusters' placement-relevant state, so
 * reconciling again changes nothing unless one of them changed.
 */
public final class BindingScheduler implements Reconciler<ObjectKey> {

    private static final Logger log = LoggerFactory.getLogger(BindingScheduler.class);

    /** NoExecute tolerations run out with time alone: a binding near such a taint is looked at again. */
    static final Duration TOLERATION_RECHECK = Duration.ofSeconds(15);

    private final KubernetesClient client;
    private final Bindings bindings;
    private final Store<Cluster> clusters;
    private final Store<PropagationPolicy> policies;
    private final Store<ClusterPropagationPolicy> clusterPolicies;
    private final FederatedInformers objects;
    private final ResourceInterpreter interpreter;
    private final EventRecorder events;
    private final Clock clock;

    public BindingScheduler(
            KubernetesClient client,
            Bindings bindings,
            Store<Cluster> clusters,
            Store<PropagationPolicy> policies,
            Store<ClusterPropagationPolicy> clusterPolicies,
            FederatedInformers objects,
            ResourceInterpreter interpreter,
            EventRecorder events,
            Clock clock) {
        this.client = client;
        this.bindings = bindings;
        this.clusters = clusters;
        this.policies = policies;
        this.clusterPolicies = clusterPolicies;
        this.objects = objects;
        this.interpreter = interpreter;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<CustomResource<ResourceBindingSpec, ResourceBindingStatus>> found = bindings.get(key);
        if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.DONE;
        }
        CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding = found.get();
        ResourceBindingSpec spec = binding.getSpec();
        if (spec == null || spec.resource() == null) {
            return Result.DONE;
        }
        Instant now = clock.instant();
        Optional<GenericKubernetesResource> template = objects.get(ResourceKey.of(spec.resource()));

        List<String> problems = problems(spec);
        if (!problems.isEmpty()) {
            String message = describe(spec.policy()) + " is invalid: " + String.join("; ", problems);
            fail(binding, template, ConditionReasons.SCHEDULER_ERROR, message, now);
            return Result.DONE;
        }

        Map<String, Quantity> replicaRequest = template.flatMap(interpreter::replicas)
                .map(WorkloadReplicas::requestsPerReplica)
                .orElse(Map.of());
        Collection<Cluster> candidates = clusters.list();
        SchedulingResult result =
                Scheduler.schedule(SchedulingRequest.forBinding(spec, candidates, replicaRequest, now));
        switch (result) {
            case SchedulingResult.Scheduled scheduled -> succeed(binding, scheduled, now);
            case SchedulingResult.Unschedulable unschedulable ->
                fail(binding, template, unschedulable.reason(), unschedulable.message(), now);
        }
        return nearNoExecuteTaint(spec, candidates) ? Result.requeueAfter(TOLERATION_RECHECK) : Result.DONE;
    }

    /** The problems of the binding's policy as it stands (or of the placement copied, if the policy is gone). */
    private List<String> problems(ResourceBindingSpec spec) {
        return policySpec(spec.policy())
                .map(PolicyValidation::validate)
                .orElseGet(() -> PolicyValidation.validate(spec.placement()));
    }

    private Optional<PropagationSpec> policySpec(PolicyReference policy) {
        if (policy == null) {
            return Optional.empty();
        }
        if (policy.kind() == PolicyKind.CLUSTER_PROPAGATION_POLICY) {
            return Optional.ofNullable(clusterPolicies.getByKey(policy.name())).map(ClusterPropagationPolicy::getSpec);
        }
        return Optional.ofNullable(policies.getByKey(Cache.namespaceKeyFunc(policy.namespace(), policy.name())))
                .map(PropagationPolicy::getSpec);
    }

    private static String describe(PolicyReference policy) {
        return policy == null ? "the placement" : PropagationMatch.describe(policy);
    }

    private void succeed(
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding,
            SchedulingResult.Scheduled result,
            Instant now) {
        ResourceBindingSpec spec = binding.getSpec();
        CustomResource<ResourceBindingSpec, ResourceBindingStatus> current = binding;
        boolean moved = !result.clusters().equals(spec.clusters());
        if (moved) {
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> copy = bindings.copy(binding);
            copy.setSpec(spec.withClusters(result.clusters()));
            current = client.resource(copy).update();
            log.info("Scheduled {}: {}", Bindings.keyOf(binding), result.message());
            events.normal(current, EventReasons.SCHEDULED, "Schedule", result.message());
        }
        Condition condition = Condition.of(
                        ConditionTypes.SCHEDULED,
                        ConditionStatus.TRUE,
                        ConditionReasons.SCHEDULED,
                        result.message(),
                        now)
                .withObservedGeneration(current.getMetadata().getGeneration());
        writeStatus(current, condition, true, now);
    }

    private void fail(
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding,
            Optional<GenericKubernetesResource> template,
            String reason,
            String message,
            Instant now) {
        Condition condition = Condition.of(ConditionTypes.SCHEDULED, ConditionStatus.FALSE, reason, message, now)
                .withObservedGeneration(binding.getMetadata().getGeneration());
        boolean changed = writeStatus(binding, condition, false, now);
        if (changed) {
            String eventReason = ConditionReasons.NO_CLUSTER_FIT.equals(reason)
                    ? EventReasons.NO_CLUSTER_FIT
                    : EventReasons.SCHEDULER_ERROR;
            log.info("Cannot schedule {}: {}", Bindings.keyOf(binding), message);
            events.warning(binding, eventReason, "Schedule", message);
            template.ifPresent(t -> events.warning(t, eventReason, "Schedule", message));
        }
    }

    /** Writes the Scheduled condition; returns whether it changed. */
    private boolean writeStatus(
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding,
            Condition condition,
            boolean succeeded,
            Instant now) {
        ResourceBindingStatus status =
                binding.getStatus() == null ? new ResourceBindingStatus(null, null, null, null) : binding.getStatus();
        Optional<Condition> before = Conditions.find(status.conditions(), ConditionTypes.SCHEDULED);
        boolean conditionChanged = before.isEmpty() || !before.get().sameStateAs(condition);
        Long generation = binding.getMetadata().getGeneration();
        boolean generationChanged = !Objects.equals(status.schedulerObservedGeneration(), generation);
        if (!conditionChanged && !generationChanged) {
            return false;
        }
        ResourceBindingStatus next = status.withConditions(Conditions.set(status.conditions(), condition));
        next = succeeded
                ? next.withScheduled(generation, now)
                : next.withScheduled(generation, status.lastScheduledTime());
        CustomResource<ResourceBindingSpec, ResourceBindingStatus> copy = bindings.copy(binding);
        copy.setStatus(next);
        client.resource(copy).updateStatus();
        return conditionChanged;
    }

    /** Whether a target cluster has a NoExecute taint, whose toleration may run out while nothing else changes. */
    private static boolean nearNoExecuteTaint(ResourceBindingSpec spec, Collection<Cluster> clusters) {
        List<String> targets = spec.clusters().stream().map(TargetCluster::name).toList();
        return clusters.stream()
                .filter(c -> targets.contains(c.getMetadata().getName()) && c.getSpec() != null)
                .flatMap(c -> c.getSpec().taints().stream())
                .map(Taint::effect)
                .anyMatch(e -> e == TaintEffect.NO_EXECUTE);
    }
}
