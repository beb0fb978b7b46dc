package io.meridian.controller.config;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.override.ClusterOverridePolicy;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.policy.ResourceSelector;
import io.meridian.api.model.work.ClusterResourceBinding;
import io.meridian.api.model.work.PolicyReference;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceBindingStatus;
import io.meridian.api.model.work.Work;
import io.meridian.controller.binding.BindingScheduler;
import io.meridian.controller.binding.Bindings;
import io.meridian.controller.cluster.ClusterHealthReconciler;
import io.meridian.controller.detector.ResourceDetector;
import io.meridian.controller.events.EventRecorder;
import io.meridian.controller.federated.FederatedInformers;
import io.meridian.controller.federated.FederatedKind;
import io.meridian.controller.federated.ResourceKey;
import io.meridian.controller.policy.PolicyReconciler;
import io.meridian.controller.render.DependencyIndex;
import io.meridian.controller.render.RenderReconciler;
import io.meridian.controller.render.Renderings;
import io.meridian.controller.render.WorkRenderer;
import io.meridian.controller.scheduling.ClusterCandidate;
import io.meridian.controller.status.StatusAggregator;
import io.meridian.membersync.interpreter.InterpreterRegistry;
import io.meridian.membersync.push.SyncerManager;
import io.meridian.membersync.sync.SyncSettings;
import io.meridian.reconciler.Controller;
import io.meridian.reconciler.ObjectKey;
import io.meridian.reconciler.Reconciler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers and control loops of one leading replica, wired together: informer handlers only
 * enqueue keys; each controller is registered by name and can be switched off with {@code
 * meridian.controller.disabled}. Informers are filled before any controller starts, so no decision
 * (above all, no deletion) is ever taken on a cache that is still filling.
 */
public final class ControlLoops implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlLoops.class);

    public static final String CLUSTER_HEALTH = "cluster-health";
    public static final String DETECTOR = "detector";
    public static final String SCHEDULER = "scheduler";
    public static final String RENDERER = "renderer";
    public static final String STATUS = "status";

    /**
     * Push mode: one member-sync syncer per push-mode Cluster, in this process. Switched off where
     * syncers run elsewhere.
     */
    public static final String PUSH_SYNC = "push-sync";

    /** The controllers that {@code meridian.controller.disabled} may name. */
    public static final List<String> NAMES = List.of(CLUSTER_HEALTH, DETECTOR, SCHEDULER, RENDERER, STATUS, PUSH_SYNC);

    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<Controller<?>> controllers = new ArrayList<>();

    private ControlLoops() {}

    /** Checks that {@code disabled} names only known controllers. */
    public static void validate(List<String> disabled) {
        List<String> unknown = disabled.stream().filter(n -> !NAMES.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("meridian.controller.disabled names unknown controllers " + unknown
                    + "; the controllers are " + NAMES);
        }
    }

    /** Starts the informers, waits for them to fill, then starts the enabled controllers. */
    public static ControlLoops start(
            KubernetesClient client, ControllerProperties props, MeterRegistry meters, Clock clock, String identity) {
        ControlLoops loops = new ControlLoops();
        try {
            loops.wire(client, props, meters, clock, identity);
        } catch (RuntimeException e) {
            loops.close();
            throw e;
        }
        return loops;
    }

    private void wire(
            KubernetesClient client, ControllerProperties props, MeterRegistry meters, Clock clock, String identity) {
        SharedIndexInformer<Cluster> clusters =
                keep(client.resources(Cluster.class).inform());
        SharedIndexInformer<Lease> leases = keep(client.leases()
                .inAnyNamespace()
                .withField("metadata.name", ResourceNames.HEARTBEAT_LEASE)
                .inform());
        SharedIndexInformer<PropagationPolicy> policies =
                keep(client.resources(PropagationPolicy.class).inAnyNamespace().inform());
        SharedIndexInformer<ClusterPropagationPolicy> clusterPolicies =
                keep(client.resources(ClusterPropagationPolicy.class).inform());
        SharedIndexInformer<OverridePolicy> overridePolicies =
                keep(client.resources(OverridePolicy.class).inAnyNamespace().inform());
        SharedIndexInformer<ClusterOverridePolicy> clusterOverridePolicies =
                keep(client.resources(ClusterOverridePolicy.class).inform());
        SharedIndexInformer<ResourceBinding> resourceBindings =
                keep(client.resources(ResourceBinding.class).inAnyNamespace().inform());
        SharedIndexInformer<ClusterResourceBinding> clusterBindings =
                keep(client.resources(ClusterResourceBinding.class).inform());
        SharedIndexInformer<Work> works = keep(client.resources(Work.class)
                .inAnyNamespace()
                .withIndexers(Bindings.workIndexers())
                .inform());
        FederatedInformers objects = new FederatedInformers(client);
        running.add(objects);
        for (FederatedKind kind : Renderings.DEPENDENCY_KINDS) {
            objects.ensure(kind);
        }

        Bindings bindings = new Bindings(client, resourceBindings.getStore(), clusterBindings.getStore(), works);
        EventRecorder events = new EventRecorder(client, identity, clock, props.eventRepeatWindow());
        InterpreterRegistry interpreter = InterpreterRegistry.withBuiltIns();
        Renderings renderings = new Renderings(
                new WorkRenderer(interpreter),
                objects,
                clusters.getStore(),
                overridePolicies.getStore(),
                clusterOverridePolicies.getStore());
        DependencyIndex dependencies = new DependencyIndex();

        Controller<String> policyLoop = controller(
                "policies",
                new PolicyReconciler(
                        objects,
                        policies.getStore(),
                        clusterPolicies.getStore(),
                        bindings,
                        Renderings.DEPENDENCY_KINDS,
                        events),
                1,
                meters);
        Controller<ObjectKey> health = enabled(props, CLUSTER_HEALTH)
                ? controller(
                        CLUSTER_HEALTH,
                        new ClusterHealthReconciler(
                                client,
                                clusters.getStore(),
                                leases.getStore(),
                                new ClusterHealthReconciler.Settings(
                                        props.clusterHealth().heartbeatGrace(),
                                        props.clusterHealth().settle()),
                                clock),
                        props.workers(),
                        meters)
                : null;
        Controller<ResourceKey> detector = enabled(props, DETECTOR)
                ? controller(
                        DETECTOR,
                        new ResourceDetector(
                                client,
                                objects,
                                policies.getStore(),
                                clusterPolicies.getStore(),
                                bindings,
                                interpreter,
                                events),
                        props.workers(),
                        meters)
                : null;
        Controller<ObjectKey> scheduler = enabled(props, SCHEDULER)
                ? controller(
                        SCHEDULER,
                        new BindingScheduler(
                                client,
                                bindings,
                                clusters.getStore(),
                                policies.getStore(),
                                clusterPolicies.getStore(),
                                objects,
                                interpreter,
                                events,
                                clock),
                        props.workers(),
                        meters)
                : null;
        Controller<ObjectKey> renderer = enabled(props, RENDERER)
                ? controller(
                        RENDERER,
                        new RenderReconciler(client, bindings, objects, renderings, dependencies, events),
                        props.workers(),
                        meters)
                : null;
        Controller<ObjectKey> status = enabled(props, STATUS)
                ? controller(
                        STATUS,
                        new StatusAggregator(client, bindings, objects, renderings, interpreter, events, clock),
                        props.workers(),
                        meters)
                : null;

        // Federated objects: the detector binds them; their bindings re-render and re-aggregate;
        // a dependency re-renders what carries it.
        objects.addListener((kind, object) -> {
            ResourceKey key = ResourceKey.of(object);
            enqueue(detector, key);
            ObjectKey binding = Bindings.keyFor(key);
            if (bindings.get(binding).isPresent()) {
                enqueue(renderer, binding);
                enqueue(status, binding);
            }
            for (ObjectKey dependent : dependencies.dependents(key)) {
                enqueue(renderer, dependent);
                enqueue(status, dependent);
            }
        });

        // Policies: the kinds they name are watched; the objects they (used to) select are matched again.
        BiConsumer<HasMetadata, HasMetadata> policyChanged = (before, after) -> {
            policyLoop.enqueue(PolicyReconciler.KEY);
            for (HasMetadata policy : both(before, after)) {
                String namespace = policy instanceof PropagationPolicy
                        ? policy.getMetadata().getNamespace()
                        : null;
                PropagationSpec spec = policy instanceof PropagationPolicy p
                        ? p.getSpec()
                        : ((ClusterPropagationPolicy) policy).getSpec();
                if (spec != null && detector != null) {
                    for (ResourceSelector selector : spec.resourceSelectors()) {
                        if (selector == null || selector.apiVersion() == null || selector.kind() == null) {
                            continue;
                        }
                        for (var object : objects.list(new FederatedKind(selector.apiVersion(), selector.kind()))) {
                            if (namespace == null
                                    || namespace.equals(object.getMetadata().getNamespace())) {
                                detector.enqueue(ResourceKey.of(object));
                            }
                        }
                    }
                }
                for (CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding : bindings.list()) {
                    PolicyReference ref =
                            binding.getSpec() == null ? null : binding.getSpec().policy();
                    if (ref != null
                            && ref.name().equals(policy.getMetadata().getName())
                            && Objects.equals(ref.namespace(), namespace)) {
                        enqueue(scheduler, Bindings.keyOf(binding));
                        enqueue(detector, ResourceKey.of(binding.getSpec().resource()));
                    }
                }
            }
        };
        policies.addEventHandler(handler(policyChanged::accept));
        clusterPolicies.addEventHandler(handler(policyChanged::accept));

        // Override policies: every binding they may concern is rendered again.
        BiConsumer<HasMetadata, HasMetadata> overridesChanged = (before, after) -> {
            for (HasMetadata policy : both(before, after)) {
                String namespace =
                        policy instanceof OverridePolicy ? policy.getMetadata().getNamespace() : null;
                for (ObjectKey binding : bindings.keys(namespace)) {
                    enqueue(renderer, binding);
                    enqueue(status, binding);
                }
            }
        };
        overridePolicies.addEventHandler(handler(overridesChanged::accept));
        clusterOverridePolicies.addEventHandler(handler(overridesChanged::accept));

        // Bindings: the scheduler looks only at new specs, not at status writes.
        BiConsumer<
                        CustomResource<ResourceBindingSpec, ResourceBindingStatus>,
                        CustomResource<ResourceBindingSpec, ResourceBindingStatus>>
                bindingChanged = (before, after) -> {
                    for (var binding : both(before, after)) {
                        ObjectKey key = Bindings.keyOf(binding);
                        enqueue(renderer, key);
                        enqueue(status, key);
                        if (binding.getSpec() != null && binding.getSpec().resource() != null) {
                            enqueue(detector, ResourceKey.of(binding.getSpec().resource()));
                        }
                    }
                    if (before == null
                            || after == null
                            || !Objects.equals(
                                    before.getMetadata().getGeneration(),
                                    after.getMetadata().getGeneration())) {
                        enqueue(scheduler, Bindings.keyOf(after != null ? after : before));
                    }
                    if (before == null) {
                        policyLoop.enqueue(PolicyReconciler.KEY);
                    }
                };
        resourceBindings.addEventHandler(handler(bindingChanged::accept));
        clusterBindings.addEventHandler(handler(bindingChanged::accept));

        // Works: their binding is rendered (a Work changed or deleted by hand is put back) and
        // aggregated; an object waiting for its Works to go is looked at again.
        works.addEventHandler(handler((before, after) -> {
            for (Work work : both(before, after)) {
                Bindings.bindingOf(work).ifPresent(key -> {
                    enqueue(renderer, key);
                    enqueue(status, key);
                    bindings.get(key)
                            .filter(b -> b.getSpec() != null && b.getSpec().resource() != null)
                            .ifPresent(b ->
                                    enqueue(detector, ResourceKey.of(b.getSpec().resource())));
                });
            }
        }));

        // Clusters: health follows heartbeats; placement follows only what placement reads (not
        // heartbeat times or capacity figures).
        if (health != null) {
            health.watch(
                    clusters, c -> Optional.of(ObjectKey.cluster(c.getMetadata().getName())));
            health.watch(
                    leases,
                    l -> Namespaces.clusterOf(l.getMetadata().getNamespace()).map(ObjectKey::cluster));
        }
        clusters.addEventHandler(handler((before, after) -> {
            if (before != null && after != null && placementView(before).equals(placementView(after))) {
                return;
            }
            for (ObjectKey binding : bindings.keys(null)) {
                enqueue(scheduler, binding);
                enqueue(renderer, binding);
                enqueue(status, binding);
            }
        }));

        policyLoop.enqueue(PolicyReconciler.KEY);
        policyLoop.start();
        for (Controller<?> controller : controllers) {
            controller.start();
        }
        List<String> started =
                new ArrayList<>(controllers.stream().map(Controller::name).toList());
        if (enabled(props, PUSH_SYNC)) {
            SyncerManager syncers = new SyncerManager(client, interpreter, SyncSettings.DEFAULT, meters, clock);
            running.add(syncers);
            syncers.start();
            started.add(PUSH_SYNC);
        }
        log.info("Control loops started: {}", started);
    }

    /** What of a Cluster the scheduler and the override rules read. */
    private static ClusterCandidate placementView(Cluster cluster) {
        return ClusterCandidate.from(cluster).withResources(null);
    }

    private <K> Controller<K> controller(String name, Reconciler<K> reconciler, int workers, MeterRegistry meters) {
        Controller<K> controller = Controller.builder(name, reconciler)
                .workers(workers)
                .meters(meters)
                .build();
        running.add(controller);
        if (!name.equals("policies")) {
            controllers.add(controller);
        }
        return controller;
    }

    private <T> SharedIndexInformer<T> keep(SharedIndexInformer<T> informer) {
        running.add(informer);
        return informer;
    }

    private static boolean enabled(ControllerProperties props, String name) {
        return !props.disabled().contains(name);
    }

    private static <K> void enqueue(Controller<K> controller, K key) {
        if (controller != null) {
            controller.enqueue(key);
        }
    }

    @SafeVarargs
    private static <T> List<T> both(T... objects) {
        List<T> list = new ArrayList<>();
        for (T object : objects) {
            if (object != null) {
                list.add(object);
            }
        }
        return list;
    }

    /** An informer handler calling {@code changed(before, after)}: before is null on add, after on delete. */
    private static <T> ResourceEventHandler<T> handler(BiConsumer<T, T> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed.accept(null, obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed.accept(oldObj, newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                changed.accept(obj, null);
            }
        };
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.debug("Closing {} failed: {}", running.get(i), e.toString());
            }
        }
        running.clear();
        controllers.clear();
    }
}
