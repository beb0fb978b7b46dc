package io.meridian.controller.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.ClusterStatus;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.meta.Taint;
import io.meridian.api.model.meta.TaintEffect;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.names.TaintKeys;
import io.meridian.reconciler.ObjectKey;
import io.meridian.reconciler.Reconciler;
import io.meridian.reconciler.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether each member cluster is Ready, from the heartbeat Lease its syncer renews and the
 * Reachable condition the syncer reports, and keeps the NotReady/Unreachable taints in step, so
 * that the scheduler stops placing work there and failover can move it away.
 *
 * <p>Hysteresis: a NotReady cluster becomes Ready again only after its heartbeat has stayed fresh
 * for the settling period, so a region that flaps does not pull workloads back and forth.
 */
public final class ClusterHealthReconciler implements Reconciler<ObjectKey> {

    private static final Logger log = LoggerFactory.getLogger(ClusterHealthReconciler.class);

    /**
     * @param heartbeatGrace how old the last heartbeat may be before the cluster is NotReady
     * @param settle how long a recovering cluster must stay healthy before it is Ready again
     */
    public record Settings(Duration heartbeatGrace, Duration settle) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    private final KubernetesClient client;
    private final Store<Cluster> clusters;
    private final Store<Lease> leases;
    private final Settings settings;
    private final Clock clock;
    /** When each recovering cluster was first seen healthy again; forgotten once Ready. */
    private final Map<String, Instant> healthySince = new ConcurrentHashMap<>();

    private final Set<String> namespacesMade = ConcurrentHashMap.newKeySet();

    public ClusterHealthReconciler(
            KubernetesClient client, Store<Cluster> clusters, Store<Lease> leases, Settings settings, Clock clock) {
        this.client = client;
        this.clusters = clusters;
        this.leases = leases;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Cluster cluster = clusters.getByKey(key.name());
        if (cluster == null) {
            healthySince.remove(key.name());
            return Result.DONE;
        }
        Instant now = clock.instant();
        String name = key.name();
        ensureExecutionNamespace(name);
        ClusterStatus status =
                cluster.getStatus() == null ? ClusterStatus.builder().build() : cluster.getStatus();
        Optional<Instant> renewed = heartbeat(name);
        boolean fresh =
                renewed.isPresent() && Duration.between(renewed.get(), now).compareTo(settings.heartbeatGrace()) <= 0;
        boolean reachable = !Conditions.isFalse(status.conditions(), ConditionTypes.REACHABLE);
        boolean wasReady = Conditions.isTrue(status.conditions(), ConditionTypes.READY);
        // The settling period guards against a flapping region pulling work back and forth; a
        // cluster that is only joining has nothing to flap from and is Ready at its first heartbeat.
        boolean joining = Conditions.find(status.conditions(), ConditionTypes.READY)
                .map(c -> ConditionReasons.CLUSTER_JOINING.equals(c.reason()))
                .orElse(true);

        Condition ready;
        Duration recheck;
        if (fresh && reachable) {
            Instant since = wasReady || joining ? null : healthySince.computeIfAbsent(name, n -> now);
            if (wasReady || joining || Duration.between(since, now).compareTo(settings.settle()) >= 0) {
                healthySince.remove(name);
                ready = Condition.of(
                        ConditionTypes.READY,
                        ConditionStatus.TRUE,
                        ConditionReasons.CLUSTER_READY,
                        "the member cluster is healthy and its heartbeat is fresh",
                        now);
                recheck = Duration.between(now, renewed.get().plus(settings.heartbeatGrace()))
                        .plusMillis(100);
            } else {
                ready = condition(
                        status,
                        ConditionTypes.READY,
                        ConditionStatus.FALSE,
                        ConditionReasons.CLUSTER_NOT_READY,
                        "recovering: healthy again since " + since + ", Ready after "
                                + settings.settle().toSeconds() + "s",
                        now);
                recheck = Duration.between(now, since.plus(settings.settle())).plusMillis(100);
            }
        } else {
            healthySince.remove(name);
            String reason = renewed.isEmpty() && joining
                    ? ConditionReasons.CLUSTER_JOINING
                    : renewed.isEmpty() || !fresh
                            ? ConditionReasons.HEARTBEAT_EXPIRED
                            : ConditionReasons.CLUSTER_UNREACHABLE;
            String message = renewed.isEmpty()
                    ? "no heartbeat from the cluster's syncer yet"
                    : !fresh
                            ? "last heartbeat at " + renewed.get() + ", more than "
                                    + settings.heartbeatGrace().toSeconds() + "s ago"
                            : "the member cluster does not answer: "
                                    + Conditions.find(status.conditions(), ConditionTypes.REACHABLE)
                                            .map(Condition::message)
                                            .orElse("");
            ready = condition(status, ConditionTypes.READY, ConditionStatus.FALSE, reason, message, now);
            recheck = settings.heartbeatGrace();
        }
        updateStatus(cluster, status, ready);
        updateTaints(cluster, fresh, reachable, ready.status() == ConditionStatus.TRUE, now);
        return Result.requeueAfter(recheck.isNegative() || recheck.isZero() ? Duration.ofMillis(500) : recheck);
    }

    /** The namespace the cluster's Works and heartbeat Lease live in exists as long as the cluster. */
    private void ensureExecutionNamespace(String cluster) {
        String ns = Namespaces.executionNamespace(cluster);
        if (namespacesMade.contains(ns)) {
            return;
        }
        if (client.namespaces().withName(ns).get() == null) {
            try {
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(ns)
                                .addToLabels(MeridianLabels.CLUSTER, cluster)
                                .addToLabels(MeridianLabels.MANAGED_BY, MeridianLabels.MANAGED_BY_VALUE)
                                .endMetadata()
                                .build())
                        .create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        namespacesMade.add(ns);
    }

    private Optional<Instant> heartbeat(String cluster) {
        Lease lease = leases.getByKey(Namespaces.executionNamespace(cluster) + "/" + ResourceNames.HEARTBEAT_LEASE);
        if (lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null) {
            return Optional.empty();
        }
        return Optional.of(lease.getSpec().getRenewTime().toInstant());
    }

    /** Keeps the message stable while the state holds, so the status is not rewritten every pass. */
    private static Condition condition(
            ClusterStatus status, String type, ConditionStatus s, String reason, String message, Instant now) {
        Optional<Condition> old = Conditions.find(status.conditions(), type);
        if (old.isPresent()
                && old.get().status() == s
                && reason.equals(old.get().reason())) {
            return old.get();
        }
        return Condition.of(type, s, reason, message, now);
    }

    private void updateStatus(Cluster cluster, ClusterStatus status, Condition ready) {
        List<Condition> next = Conditions.set(status.conditions(), ready);
        if (Objects.equals(next, status.conditions())) {
            return;
        }
        Optional<Condition> before = Conditions.find(status.conditions(), ConditionTypes.READY);
        if (before.isEmpty() || before.get().status() != ready.status()) {
            log.info(
                    "Cluster {} is {}: {}",
                    cluster.getMetadata().getName(),
                    ready.status() == ConditionStatus.TRUE ? "Ready" : "NotReady",
                    ready.message());
        }
        Cluster copy = new Cluster(cluster.getMetadata().getName(), cluster.getSpec());
        copy.getMetadata().setResourceVersion(cluster.getMetadata().getResourceVersion());
        copy.setStatus(status.withConditions(next));
        client.resource(copy).updateStatus();
    }

    private void updateTaints(Cluster cluster, boolean fresh, boolean reachable, boolean ready, Instant now) {
        ClusterSpec spec = cluster.getSpec();
        List<Taint> taints = new ArrayList<>(spec.taints());
        boolean changed = false;
        changed |= setTaint(taints, TaintKeys.NOT_READY, !ready && reachable, now);
        changed |= setTaint(taints, TaintKeys.UNREACHABLE, !ready && !reachable, now);
        if (!changed) {
            return;
        }
        client.resources(Cluster.class)
                .withName(cluster.getMetadata().getName())
                .edit(c -> {
                    c.setSpec(c.getSpec().withTaints(taints));
                    return c;
                });
    }

    private static boolean setTaint(List<Taint> taints, String key, boolean wanted, Instant now) {
        boolean present = taints.stream().anyMatch(t -> t.key().equals(key));
        if (wanted && !present) {
            taints.add(Taint.of(key, TaintEffect.NO_EXECUTE, now));
            return true;
        }
        if (!wanted && present) {
            taints.removeIf(t -> t.key().equals(key));
            return true;
        }
        return false;
    }
}
