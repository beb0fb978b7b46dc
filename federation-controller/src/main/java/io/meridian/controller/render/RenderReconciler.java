package io.meridian.controller.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.api.model.names.Finalizers;
import io.meridian.api.model.names.MeridianAnnotations;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.work.GracefulEvictionTask;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceBindingStatus;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.api.model.work.Work;
import io.meridian.controller.binding.Bindings;
import io.meridian.controller.events.EventReasons;
import io.meridian.controller.events.EventRecorder;
import io.meridian.controller.federated.FederatedInformers;
import io.meridian.controller.federated.ResourceKey;
import io.meridian.membersync.interpreter.DependentObjectReference;
import io.meridian.reconciler.ObjectKey;
import io.meridian.reconciler.Reconciler;
import io.meridian.reconciler.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one Work per target cluster of each binding, in the cluster's execution namespace, as
 * {@link WorkRenderer} renders it, and deletes the Works of clusters no longer targeted (a cluster
 * its workload is gracefully leaving keeps its Work until the eviction task goes) and of bindings
 * that are gone.
 *
 * <p>A cluster whose overrides fail keeps its Work as it was; the failure is an Event here and part
 * of the binding's FullyApplied condition (written by the status aggregator). Nothing is rendered
 * for an object being deleted: the detector removes its Works.
 */
public final class RenderReconciler implements Reconciler<ObjectKey> {

    private static final Logger log = LoggerFactory.getLogger(RenderReconciler.class);

    static final Duration RECHECK = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final Bindings bindings;
    private final FederatedInformers objects;
    private final Renderings renderings;
    private final DependencyIndex dependencies;
    private final EventRecorder events;

    public RenderReconciler(
            KubernetesClient client,
            Bindings bindings,
            FederatedInformers objects,
            Renderings renderings,
            DependencyIndex dependencies,
            EventRecorder events) {
        this.client = client;
        this.bindings = bindings;
        this.objects = objects;
        this.renderings = renderings;
        this.dependencies = dependencies;
        this.events = events;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<CustomResource<ResourceBindingSpec, ResourceBindingStatus>> found = bindings.get(key);
        List<Work> works = bindings.works(key);
        if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
            dependencies.forget(key);
            for (Work work : works) {
                delete(work);
            }
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
        Optional<GenericKubernetesResource> object = objects.get(ResourceKey.of(spec.resource()));
        if (object.isEmpty()
                || object.get().getMetadata().getDeletionTimestamp() != null
                || (spec.resource().uid() != null
                        && !spec.resource()
                                .uid()
                                .equals(object.get().getMetadata().getUid()))) {
            // Gone, going, or replaced by a new object the detector has not bound yet: the detector acts.
            return Result.DONE;
        }
        GenericKubernetesResource template = object.get();
        WorkRenderer.Rendering rendering = renderings.render(key, spec, template);
        dependencies.update(key, rendering.dependencies());

        Map<String, Work> byCluster = new HashMap<>();
        for (Work work : works) {
            byCluster.put(clusterOf(work), work);
        }
        boolean waiting = false;
        List<String> written = new ArrayList<>();
        for (WorkRenderer.Outcome outcome : rendering.byCluster().values()) {
            switch (outcome) {
                case WorkRenderer.Rendered rendered -> {
                    Work current = byCluster.get(rendered.cluster());
                    if (current != null && current.getMetadata().getDeletionTimestamp() != null) {
                        waiting = true; // written again once the syncer has let go of the old one
                    } else if (write(binding, template, rendered.work(), current)) {
                        written.add(rendered.cluster());
                    }
                }
                case WorkRenderer.Failed failed -> {
                    String message =
                            failed.cluster() + ": " + failed.message() + "; the cluster's Work is left as it was";
                    events.warning(binding, EventReasons.OVERRIDE_FAILED, "Render", message);
                    events.warning(template, EventReasons.OVERRIDE_FAILED, "Render", message);
                }
            }
        }
        Set<String> keep = new HashSet<>();
        spec.clusters().stream().map(TargetCluster::name).forEach(keep::add);
        spec.gracefulEvictionTasks().stream()
                .map(GracefulEvictionTask::fromCluster)
                .forEach(keep::add);
        List<String> removed = new ArrayList<>();
        for (Work work : works) {
            if (!keep.contains(clusterOf(work)) && work.getMetadata().getDeletionTimestamp() == null) {
                delete(work);
                removed.add(clusterOf(work));
            }
        }
        if (!written.isEmpty() || !removed.isEmpty()) {
            String note = (written.isEmpty() ? "" : "wrote the Works of " + String.join(", ", written))
                    + (written.isEmpty() || removed.isEmpty() ? "" : "; ")
                    + (removed.isEmpty() ? "" : "removed the Works of " + String.join(", ", removed));
            log.info("Binding {}: {}", key, note);
            events.normal(binding, EventReasons.WORKS_SYNCED, "Render", note);
        }
        if (!rendering.missing().isEmpty()) {
            events.warning(
                    template,
                    EventReasons.DEPENDENCY_MISSING,
                    "Render",
                    "the object refers to " + describe(rendering.missing())
                            + ", which the federation API does not hold; the member clusters will not get it");
        }
        return waiting ? Result.requeueAfter(RECHECK) : Result.DONE;
    }

    /** Creates or updates the Work; returns whether it wrote anything. */
    private boolean write(
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding,
            GenericKubernetesResource template,
            Work desired,
            Work current) {
        try {
            if (current == null) {
                create(desired);
                return true;
            }
            if (upToDate(desired, current)) {
                return false;
            }
            Work copy = bindings.copy(current);
            copy.setSpec(desired.getSpec());
            Map<String, String> labels = new HashMap<>(
                    copy.getMetadata().getLabels() == null
                            ? Map.of()
                            : copy.getMetadata().getLabels());
            labels.putAll(desired.getMetadata().getLabels());
            copy.getMetadata().setLabels(labels);
            Map<String, String> annotations = new HashMap<>(
                    copy.getMetadata().getAnnotations() == null
                            ? Map.of()
                            : copy.getMetadata().getAnnotations());
            annotations.remove(MeridianAnnotations.APPLIED_OVERRIDES);
            if (desired.getMetadata().getAnnotations() != null) {
                annotations.putAll(desired.getMetadata().getAnnotations());
            }
            copy.getMetadata().setAnnotations(annotations);
            List<String> finalizers = new ArrayList<>(
                    copy.getMetadata().getFinalizers() == null
                            ? List.of()
                            : copy.getMetadata().getFinalizers());
            if (!finalizers.contains(Finalizers.CLEANUP)) {
                finalizers.add(Finalizers.CLEANUP);
            }
            copy.getMetadata().setFinalizers(finalizers);
            client.resource(copy).update();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                String message = "cannot write Work " + desired.getMetadata().getNamespace() + "/"
                        + desired.getMetadata().getName() + ": "
                        + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage());
                events.warning(binding, EventReasons.WORK_WRITE_FAILED, "Render", message);
                events.warning(template, EventReasons.WORK_WRITE_FAILED, "Render", message);
            }
            throw e;
        }
    }

    /**
     * Creates the Work, and its execution namespace when it is missing (the cluster controller makes
     * it for every Cluster, but may be switched off or not have got to it yet).
     */
    private void create(Work work) {
        try {
            client.resource(work).create();
        } catch (KubernetesClientException e) {
            String namespace = work.getMetadata().getNamespace();
            if (e.getCode() != 404 || client.namespaces().withName(namespace).get() != null) {
                throw e;
            }
            try {
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(namespace)
                                .addToLabels(
                                        MeridianLabels.CLUSTER,
                                        Namespaces.clusterOf(namespace).orElseThrow())
                                .addToLabels(MeridianLabels.MANAGED_BY, MeridianLabels.MANAGED_BY_VALUE)
                                .endMetadata()
                                .build())
                        .create();
            } catch (KubernetesClientException conflict) {
                if (conflict.getCode() != 409) {
                    throw conflict;
                }
            }
            client.resource(work).create();
        }
    }

    private static boolean upToDate(Work desired, Work current) {
        Map<String, String> labels = current.getMetadata().getLabels() == null
                ? Map.of()
                : current.getMetadata().getLabels();
        for (Map.Entry<String, String> label : desired.getMetadata().getLabels().entrySet()) {
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        String wantedOverrides = desired.getMetadata().getAnnotations() == null
                ? null
                : desired.getMetadata().getAnnotations().get(MeridianAnnotations.APPLIED_OVERRIDES);
        String overrides = current.getMetadata().getAnnotations() == null
                ? null
                : current.getMetadata().getAnnotations().get(MeridianAnnotations.APPLIED_OVERRIDES);
        List<String> finalizers = current.getMetadata().getFinalizers();
        return Objects.equals(wantedOverrides, overrides)
                && finalizers != null
                && finalizers.contains(Finalizers.CLEANUP)
                && current.getSpec() != null
                && WorkRenderer.sameSpec(desired.getSpec(), current.getSpec());
    }

    private void delete(Work work) {
        if (work.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        try {
            client.resource(work).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** The cluster a Work targets: its label, or its execution namespace. */
    public static String clusterOf(Work work) {
        Map<String, String> labels = work.getMetadata().getLabels();
        String label = labels == null ? null : labels.get(MeridianLabels.CLUSTER);
        return label != null
                ? label
                : Namespaces.clusterOf(work.getMetadata().getNamespace())
                        .orElse(work.getMetadata().getNamespace());
    }

    private static String describe(List<DependentObjectReference> references) {
        return references.stream().map(r -> r.kind() + " " + r.name()).collect(Collectors.joining(", "));
    }
}
