package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.meridian.api.model.work.AggregatedStatusItem;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.TargetCluster;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that knows which interpreter serves which kind: the built-in kinds are registered
 * in {@link #withBuiltIns()}, custom kinds with {@link #register}, and any other kind falls back to
 * {@link GenericInterpreter}.
 *
 * <p>The registry is itself a {@link ResourceInterpreter} that hands each call to the interpreter
 * of the object's group and kind (of {@code desired} for {@code retain}, of the template for
 * {@code divideReplicas} and {@code aggregateStatus}), so controllers can hold just this. Lookups
 * ignore the version. Thread-safe; registering while others look up is allowed.
 */
public final class InterpreterRegistry implements ResourceInterpreter {

    private final Map<GroupKind, ResourceInterpreter> interpreters = new ConcurrentHashMap<>();
    private final ResourceInterpreter fallback;

    private InterpreterRegistry(ResourceInterpreter fallback) {
        this.fallback = fallback;
    }

    /** A registry of the kinds Meridian knows, with the generic fallback for every other kind. */
    public static InterpreterRegistry withBuiltIns() {
        return new InterpreterRegistry(new GenericInterpreter())
                .register(GroupKind.DEPLOYMENT, new DeploymentInterpreter())
                .register(GroupKind.STATEFUL_SET, new StatefulSetInterpreter())
                .register(GroupKind.DAEMON_SET, new DaemonSetInterpreter())
                .register(GroupKind.REPLICA_SET, new ReplicaSetInterpreter())
                .register(GroupKind.JOB, new JobInterpreter())
                .register(GroupKind.CRON_JOB, new CronJobInterpreter())
                .register(GroupKind.SERVICE, new ServiceInterpreter())
                .register(GroupKind.INGRESS, new IngressInterpreter())
                .register(GroupKind.PERSISTENT_VOLUME_CLAIM, new PersistentVolumeClaimInterpreter())
                .register(GroupKind.POD, new PodInterpreter())
                .register(GroupKind.SERVICE_ACCOUNT, new ServiceAccountInterpreter());
    }

    /**
     * Makes {@code interpreter} serve {@code kind}, in place of a built-in one if there is one.
     *
     * @return this registry, for chaining
     */
    public InterpreterRegistry register(GroupKind kind, ResourceInterpreter interpreter) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(interpreter, "interpreter");
        if (interpreter == this) {
            throw new IllegalArgumentException("a registry cannot serve as its own interpreter");
        }
        interpreters.put(kind, interpreter);
        return this;
    }

    /** The interpreter of {@code kind}: the registered one, or the generic fallback. */
    public ResourceInterpreter interpreterFor(GroupKind kind) {
        return interpreters.getOrDefault(kind, fallback);
    }

    /** The interpreter of {@code object}'s group and kind. */
    public ResourceInterpreter interpreterFor(HasMetadata object) {
        Objects.requireNonNull(object, "object");
        return interpreterFor(GroupKind.of(object));
    }

    /** Whether {@code kind} has an interpreter of its own rather than the generic fallback. */
    public boolean isRegistered(GroupKind kind) {
        return interpreters.containsKey(kind);
    }

    @Override
    public Optional<WorkloadReplicas> replicas(GenericKubernetesResource object) {
        return interpreterFor(object).replicas(object);
    }

    @Override
    public GenericKubernetesResource reviseReplicas(GenericKubernetesResource object, int replicas) {
        return interpreterFor(object).reviseReplicas(object, replicas);
    }

    @Override
    public Map<String, GenericKubernetesResource> divideReplicas(
            GenericKubernetesResource template, List<TargetCluster> targets) {
        return interpreterFor(template).divideReplicas(template, targets);
    }

    @Override
    public GenericKubernetesResource retain(GenericKubernetesResource desired, GenericKubernetesResource observed) {
        return interpreterFor(desired).retain(desired, observed);
    }

    @Override
    public ResourceHealth health(GenericKubernetesResource object) {
        return interpreterFor(object).health(object);
    }

    @Override
    public Optional<ObjectNode> reflectStatus(GenericKubernetesResource object) {
        return interpreterFor(object).reflectStatus(object);
    }

    @Override
    public GenericKubernetesResource aggregateStatus(
            GenericKubernetesResource template, List<AggregatedStatusItem> items) {
        return interpreterFor(template).aggregateStatus(template, items);
    }

    @Override
    public List<DependentObjectReference> dependencies(GenericKubernetesResource object) {
        return interpreterFor(object).dependencies(object);
    }
}
