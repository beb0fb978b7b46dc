package io.meridian.controller.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.work.AggregatedStatusItem;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceBindingStatus;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.api.model.work.Work;
import io.meridian.controller.binding.Bindings;
import io.meridian.controller.events.EventReasons;
import io.meridian.controller.events.EventRecorder;
import io.meridian.controller.federated.FederatedInformers;
import io.meridian.controller.federated.FederatedKind;
import io.meridian.controller.federated.ResourceKey;
import io.meridian.controller.render.RenderReconciler;
import io.meridian.controller.render.Renderings;
import io.meridian.controller.render.WorkRenderer;
import io.meridian.membersync.interpreter.ResourceInterpreter;
import io.meridian.reconciler.ObjectKey;
import io.meridian.reconciler.Reconciler;
import io.meridian.reconciler.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums up a binding's Works: {@code status.aggregatedStatus} (per target cluster: applied, health,
 * status snapshot) and the FullyApplied condition of the binding, and the federated object's own
 * status through its status subresource, as its interpreter aggregates the members' snapshots, so
 * {@code kubectl get} against the federation API shows the global picture.
 *
 * <p>A cluster whose Work does not hold what the template renders to now, or whose report
 * describes an older Work, counts with no status for the federated object, so a rollout is never
 * reported done on the strength of the previous version.
 */
public final class StatusAggregator implements Reconciler<ObjectKey> {

    private static final Logger log = LoggerFactory.getLogger(StatusAggregator.class);

    static final Duration RECHECK = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final Bindings bindings;
    private final FederatedInformers objects;
    private final Renderings renderings;
    private final ResourceInterpreter interpreter;
    private final EventRecorder events;
    private final Clock clock;
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Map<FederatedKind, Boolean> statusSubresources = new ConcurrentHashMap<>();

    public StatusAggregator(
            KubernetesClient client,
            Bindings bindings,
            FederatedInformers objects,
            Renderings renderings,
            ResourceInterpreter interpreter,
            EventRecorder events,
            Clock clock) {
        this.client = client;
        this.bindings = bindings;
        this.objects = objects;
        this.renderings = renderings;
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
        if (!renderings.ready(spec)) {
            return Result.requeueAfter(RECHECK);
        }
        Optional<GenericKubernetesResource> template = objects.get(ResourceKey.of(spec.resource()))
                .filter(t -> spec.resource().uid() == null
                        || spec.resource().uid().equals(t.getMetadata().getUid()));
        if (template.isEmpty()) {
            return Result.DONE;
        }
        boolean deleting = template.get().getMetadata().getDeletionTimestamp() != null;
        WorkRenderer.Rendering rendering = deleting ? null : renderings.render(key, spec, template.get());

        Map<String, Work> works = new HashMap<>();
        for (Work work : bindings.works(key)) {
            works.put(RenderReconciler.clusterOf(work), work);
        }
        List<Aggregation.ClusterView> views = new ArrayList<>();
        for (TargetCluster target : spec.clusters()) {
            WorkRenderer.Outcome outcome =
                    rendering == null ? null : rendering.byCluster().get(target.name());
            views.add(Aggregation.view(target.name(), works.get(target.name()), outcome));
        }
        Instant now = clock.instant();
        Condition fullyApplied = Aggregation.fullyApplied(
                views,
                Boolean.TRUE.equals(spec.suspend()),
                binding.getMetadata().getGeneration(),
                now);
        updateBinding(binding, template.get(), views, fullyApplied);
        if (!deleting) {
            updateObject(template.get(), views);
        }
        return Result.DONE;
    }

    private void updateBinding(
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding,
            GenericKubernetesResource template,
            List<Aggregation.ClusterView> views,
            Condition fullyApplied) {
        ResourceBindingStatus status =
                binding.getStatus() == null ? new ResourceBindingStatus(null, null, null, null) : binding.getStatus();
        List<AggregatedStatusItem> items =
                views.stream().map(Aggregation.ClusterView::item).toList();
        Optional<Condition> before = Conditions.find(status.conditions(), ConditionTypes.FULLY_APPLIED);
        boolean conditionChanged = before.isEmpty() || !before.get().sameStateAs(fullyApplied);
        if (!conditionChanged && sameJson(items, status.aggregatedStatus())) {
            return;
        }
        ResourceBindingStatus next =
                status.withAggregatedStatus(items).withConditions(Conditions.set(status.conditions(), fullyApplied));
        CustomResource<ResourceBindingSpec, ResourceBindingStatus> copy = bindings.copy(binding);
        copy.setStatus(next);
        client.resource(copy).updateStatus();
        if (conditionChanged) {
            transition(binding, template, before.orElse(null), fullyApplied);
        }
    }

    private void transition(
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding,
            GenericKubernetesResource template,
            Condition before,
            Condition after) {
        if (after.status() == ConditionStatus.TRUE) {
            if (before == null || before.status() != ConditionStatus.TRUE) {
                log.info("Binding {} is fully applied: {}", Bindings.keyOf(binding), after.message());
                events.normal(binding, EventReasons.APPLIED, "Aggregate", after.message());
            }
            return;
        }
        String reason = switch (after.reason()) {
            case ConditionReasons.APPLY_FAILED -> EventReasons.APPLY_FAILED;
            case ConditionReasons.CONFLICT -> EventReasons.CONFLICT;
            default -> null;
        };
        if (reason != null) {
            log.info("Binding {} is not applied: {}", Bindings.keyOf(binding), after.message());
            events.warning(binding, reason, "Aggregate", after.message());
            events.warning(template, reason, "Aggregate", after.message());
        }
    }

    private void updateObject(GenericKubernetesResource template, List<Aggregation.ClusterView> views) {
        FederatedKind kind = FederatedKind.of(template);
        if (!hasStatusSubresource(kind)) {
            return;
        }
        List<AggregatedStatusItem> items =
                views.stream().map(Aggregation.ClusterView::forObject).toList();
        GenericKubernetesResource aggregated = interpreter.aggregateStatus(template, items);
        Object before = template.getAdditionalProperties().get("status");
        Object after = aggregated.getAdditionalProperties().get("status");
        if (after == null || sameJson(before, after)) {
            return;
        }
        try {
            var resources = client.genericKubernetesResources(kind.apiVersion(), kind.kind());
            String namespace = template.getMetadata().getNamespace();
            (namespace == null
                            ? resources.resource(aggregated)
                            : resources.inNamespace(namespace).resource(aggregated))
                    .updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            throw e;
        }
    }

    /** Whether the federation API serves {@code kind} with a status subresource; asked once per kind. */
    private boolean hasStatusSubresource(FederatedKind kind) {
        Boolean known = statusSubresources.get(kind);
        if (known != null) {
            return known;
        }
        APIResourceList resources = client.getApiResources(kind.apiVersion());
        boolean has = false;
        if (resources != null) {
            String plural = resources.getResources().stream()
                    .filter(r -> kind.kind().equals(r.getKind()) && !r.getName().contains("/"))
                    .map(APIResource::getName)
                    .findFirst()
                    .orElse(null);
            has = plural != null
                    && resources.getResources().stream().anyMatch(r -> (plural + "/status").equals(r.getName()));
        }
        statusSubresources.put(kind, has);
        return has;
    }

    private static boolean sameJson(Object a, Object b) {
        return Objects.equals(canonical(a), canonical(b));
    }

    private static JsonNode canonical(Object value) {
        return value == null ? null : SERIALIZATION.unmarshal(SERIALIZATION.asJson(value), JsonNode.class);
    }
}
