package io.meridian.fedctl.rollout;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.work.ClusterResourceBinding;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceBindingStatus;
import io.meridian.fedctl.output.Ages;
import io.meridian.fedctl.output.Terminal;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Follows the rollout of federated objects: informers (list, then watch) on their bindings and on
 * the objects themselves, and a live view redrawn on every change until all are ready or the time is
 * up.
 */
public final class RolloutWatch implements AutoCloseable {

    private static final Duration TICK = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final Map<Target, ResourceDefinitionContext> targets;
    private final Semaphore changes = new Semaphore(0);
    private final Map<String, SharedIndexInformer<ResourceBinding>> bindings = new HashMap<>();
    private SharedIndexInformer<ClusterResourceBinding> clusterBindings;
    private SharedIndexInformer<Cluster> members;
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> objects = new HashMap<>();

    /** @param targets the objects to follow, each with how to read it */
    public RolloutWatch(KubernetesClient client, Map<Target, ResourceDefinitionContext> targets) {
        this.client = client;
        this.targets = new LinkedHashMap<>(targets);
    }

    /** Starts the informers; returns once each has listed what exists. */
    public RolloutWatch start() {
        ResourceEventHandler<HasMetadata> signal = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                changes.release();
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                changes.release();
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                changes.release();
            }
        };
        members = client.resources(Cluster.class).inform(cast(signal));
        for (Map.Entry<Target, ResourceDefinitionContext> e : targets.entrySet()) {
            Target t = e.getKey();
            if (t.clusterScoped()) {
                if (clusterBindings == null) {
                    clusterBindings =
                            client.resources(ClusterResourceBinding.class).inform(cast(signal));
                }
            } else {
                bindings.computeIfAbsent(
                        t.namespace(),
                        ns -> client.resources(ResourceBinding.class)
                                .inNamespace(ns)
                                .inform(cast(signal)));
            }
            String key = objectsKey(e.getValue(), t.namespace());
            objects.computeIfAbsent(key, k -> {
                var resources = client.genericKubernetesResources(e.getValue());
                return t.clusterScoped()
                        ? resources.inform(cast(signal))
                        : resources.inNamespace(t.namespace()).inform(cast(signal));
            });
        }
        return this;
    }

    /** Every target's state now, in the order given. */
    public List<WorkloadProgress> snapshot() {
        Map<String, ClusterHealth> health = new HashMap<>();
        for (Cluster c : members.getStore().list()) {
            health.put(c.getMetadata().getName(), ClusterHealth.of(c));
        }
        List<WorkloadProgress> states = new ArrayList<>();
        for (Map.Entry<Target, ResourceDefinitionContext> e : targets.entrySet()) {
            Target t = e.getKey();
            String key = Cache.namespaceKeyFunc(t.namespace(), t.bindingName());
            CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding = t.clusterScoped()
                    ? clusterBindings.getStore().getByKey(key)
                    : bindings.get(t.namespace()).getStore().getByKey(key);
            GenericKubernetesResource object = objects.get(objectsKey(e.getValue(), t.namespace()))
                    .getStore()
                    .getByKey(Cache.namespaceKeyFunc(t.namespace(), t.name()));
            states.add(Readiness.evaluate(t, binding, object, health));
        }
        return states;
    }

    /**
     * Shows the rollout until every target is ready or {@code timeout} has passed: on a terminal a
     * table redrawn in place, otherwise one line per change.
     *
     * @return the last states seen
     */
    public List<WorkloadProgress> follow(Duration timeout, PrintWriter out, Terminal terminal)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<String, String> printed = new HashMap<>();
        int drawn = 0;
        while (true) {
            List<WorkloadProgress> states = snapshot();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            boolean done = states.stream().allMatch(WorkloadProgress::ready);
            if (terminal.interactive()) {
                List<String> block = ProgressView.block(states, elapsed, timeout, terminal);
                out.print(terminal.rewind(drawn));
                block.forEach(out::println);
                drawn = block.size();
            } else {
                for (Map.Entry<String, String> line : ProgressView.lines(states).entrySet()) {
                    if (!Objects.equals(printed.put(line.getKey(), line.getValue()), line.getValue())) {
                        out.println("[" + Ages.human(elapsed) + "] " + line.getValue());
                    }
                }
            }
            out.flush();
            if (done || System.nanoTime() >= deadline) {
                return states;
            }
            long left = Math.min(deadline - System.nanoTime(), TICK.toNanos());
            if (left > 0 && changes.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                changes.drainPermits();
            }
        }
    }

    @Override
    public void close() {
        bindings.values().forEach(SharedIndexInformer::close);
        if (clusterBindings != null) {
            clusterBindings.close();
        }
        objects.values().forEach(SharedIndexInformer::close);
        if (members != null) {
            members.close();
        }
    }

    private static String objectsKey(ResourceDefinitionContext context, String namespace) {
        return context.getGroup() + "/" + context.getVersion() + "/" + context.getPlural() + "/"
                + (namespace == null ? "" : namespace);
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> handler) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
    }
}
