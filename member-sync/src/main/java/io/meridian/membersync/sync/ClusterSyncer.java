package io.meridian.membersync.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.work.Work;
import io.meridian.membersync.apply.ManifestApplier;
import io.meridian.membersync.apply.Ownership;
import io.meridian.membersync.apply.ResourceTypes;
import io.meridian.membersync.heartbeat.ClusterHeartbeat;
import io.meridian.membersync.interpreter.ResourceInterpreter;
import io.meridian.membersync.resilience.MemberGuard;
import io.meridian.reconciler.Controller;
import io.meridian.reconciler.ObjectKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one member cluster in step with its Works: a Work informer on the cluster's execution
 * namespace ({@code meridian-cluster-<name>}) in the federation API, a controller with its own queue
 * and workers reconciling each Work against the member, informers on the member for the kinds the
 * Works hold (drift), and the cluster's heartbeat.
 *
 * <p>Every call to the member goes through the cluster's own {@link MemberGuard}: a member that is
 * down or slow costs this syncer at most its call timeout per call until the circuit opens, and
 * nothing at all to other syncers. Nothing in {@link #start()} waits for the member.
 *
 * <p>The syncer owns the member client and closes it; the federation client is the caller's.
 */
public final class ClusterSyncer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterSyncer.class);

    private final String cluster;
    private final String namespace;
    private final KubernetesClient member;
    private final MemberGuard guard;
    private final SharedIndexInformer<Work> workInformer;
    private final WorkIndex works;
    private final MemberWatches watches;
    private final Controller<ObjectKey> controller;
    private final ClusterHeartbeat heartbeat;
    private volatile boolean running;
    private boolean closed;

    /**
     * @param cluster the member cluster's name (its Cluster object in the federation API)
     * @param federation a client for the federation API
     * @param member a client for the member cluster; the syncer closes it
     * @param interpreter per-kind knowledge (health, status, retained fields)
     * @param settings how to run
     * @param meters where the syncer's metrics go
     * @param clock the time conditions and heartbeats carry
     */
    public ClusterSyncer(
            String cluster,
            KubernetesClient federation,
            KubernetesClient member,
            ResourceInterpreter interpreter,
            SyncSettings settings,
            MeterRegistry meters,
            Clock clock) {
        this.cluster = cluster;
        this.namespace = Namespaces.executionNamespace(cluster);
        this.member = member;
        this.guard = new MemberGuard(cluster, settings.guard(), meters);
        ResourceTypes types = new ResourceTypes(member, guard);
        ManifestApplier applier = new ManifestApplier(member, guard, interpreter, types);
        this.workInformer = federation
                .resources(Work.class)
                .inNamespace(namespace)
                .runnableInformer(settings.workResync().toMillis());
        this.works = new WorkIndex(workInformer, types);
        this.watches = new MemberWatches(cluster, member, types, this::memberObjectChanged);
        WorkReconciler reconciler = new WorkReconciler(
                cluster,
                namespace,
                federation,
                works,
                watches,
                applier,
                interpreter,
                new SyncMetrics(meters, cluster),
                settings,
                clock,
                this::enqueue);
        this.controller = Controller.builder("work-sync-" + cluster, reconciler)
                .workers(settings.workers())
                .queueSettings(settings.queue())
                .meters(meters)
                .build();
        this.heartbeat = new ClusterHeartbeat(cluster, federation, member, guard, settings.heartbeat(), clock);
    }

    public String cluster() {
        return cluster;
    }

    /** Starts watching and syncing; returns at once, whether or not the member answers. */
    public synchronized void start() {
        if (running || closed) {
            return;
        }
        workInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Work work) {
                enqueue(ObjectKey.of(work));
            }

            @Override
            public void onUpdate(Work oldWork, Work newWork) {
                // The syncer's own status writes need no reconcile; spec, deletion and resyncs do.
                if (specOrLifecycleChanged(oldWork, newWork)) {
                    enqueue(ObjectKey.of(newWork));
                }
            }

            @Override
            public void onDelete(Work work, boolean deletedFinalStateUnknown) {
                enqueue(ObjectKey.of(work));
            }
        });
        workInformer.exceptionHandler((started, t) -> {
            log.debug("Watch of Works for {} failed: {}", cluster, t.toString());
            if (ExceptionHandler.isDeserializationException(t)) {
                log.error("Works of {} cannot be read; the syncer stops watching them", cluster, t);
                return false;
            }
            return true;
        });
        guard.onStateTransition(state -> {
            if (state == CircuitBreaker.State.CLOSED) {
                log.info("Member cluster {} answers again; reconciling its Works", cluster);
                works.all().forEach(w -> enqueue(ObjectKey.of(w)));
            }
        });
        workInformer.start();
        controller.start();
        heartbeat.start();
        running = true;
        log.info("Syncer for member cluster {} started (Works in {})", cluster, namespace);
    }

    /** Stops everything and closes the member client. A closed syncer cannot be started again. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        heartbeat.close();
        controller.close();
        workInformer.stop();
        watches.close();
        guard.close();
        member.close();
        log.info("Syncer for member cluster {} stopped", cluster);
    }

    /** How the syncer is doing now. */
    public SyncerHealth health() {
        return new SyncerHealth(
                cluster,
                running,
                works.synced(),
                works.watching(),
                guard.state(),
                works.synced() ? works.all().size() : 0,
                watches.kinds());
    }

    /** The member's guard: its circuit state, and a way to call the member within it. */
    public MemberGuard memberGuard() {
        return guard;
    }

    /** Reconciles the Work {@code key} soon. */
    public void enqueue(ObjectKey key) {
        controller.enqueue(key);
    }

    private void memberObjectChanged(GenericKubernetesResource object) {
        Ownership.workOf(object)
                .filter(work -> namespace.equals(work.namespace()))
                .ifPresent(this::enqueue);
    }

    static boolean specOrLifecycleChanged(Work oldWork, Work newWork) {
        if (oldWork == null) {
            return true;
        }
        var a = oldWork.getMetadata();
        var b = newWork.getMetadata();
        return Objects.equals(a.getResourceVersion(), b.getResourceVersion()) // a resync
                || !Objects.equals(a.getGeneration(), b.getGeneration())
                || !Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp())
                || !Objects.equals(a.getFinalizers(), b.getFinalizers());
    }
}
