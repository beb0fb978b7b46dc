package io.meridian.membersync.heartbeat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterStatus;
import io.meridian.api.model.cluster.NodeSummary;
import io.meridian.api.model.cluster.ResourceSummary;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.membersync.resilience.MemberGuard;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a syncer tells the federation about its member, every few seconds: it renews the cluster's
 * heartbeat Lease while the member answers, and keeps the Cluster's status true (Reachable, the
 * Kubernetes version, nodes, allocatable and allocated resources). The controller turns the Lease
 * into Ready/NotReady; capacity feeds the scheduler's division by available replicas.
 */
public final class ClusterHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterHeartbeat.class);

    /**
     * @param interval how often to probe and renew
     * @param leaseDuration the Lease's declared duration (informational for readers)
     * @param statusRefresh how often an unchanged status is rewritten (for lastHeartbeatTime)
     */
    public record Settings(Duration interval, Duration leaseDuration, Duration statusRefresh) {
        public static final Settings DEFAULT =
                new Settings(Duration.ofSeconds(5), Duration.ofSeconds(40), Duration.ofSeconds(60));
    }

    /** What one probe of the member found. */
    record Probe(boolean reachable, String error, String version, NodeSummary nodes, ResourceSummary resources) {}

    private final String cluster;
    private final KubernetesClient federation;
    private final KubernetesClient member;
    private final MemberGuard guard;
    private final Settings settings;
    private final Clock clock;
    private final String identity;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("heartbeat").factory());
    private volatile Instant lastStatusWrite = Instant.EPOCH;

    public ClusterHeartbeat(
            String cluster,
            KubernetesClient federation,
            KubernetesClient member,
            MemberGuard guard,
            Settings settings,
            Clock clock) {
        this.cluster = cluster;
        this.federation = federation;
        this.member = member;
        this.guard = guard;
        this.settings = settings;
        this.clock = clock;
        this.identity = "member-sync/" + cluster;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::beatQuietly, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.debug("Heartbeat of {} failed: {}", cluster, e.toString());
        }
    }

    /** One round: probe the member, renew the Lease if it answered, report status. */
    public void beat() {
        Probe probe = probe();
        if (probe.reachable()) {
            renewLease();
        }
        report(probe);
    }

    Probe probe() {
        try {
            String version =
                    guard.call("version", () -> member.getKubernetesVersion().getGitVersion());
            List<Node> nodes =
                    guard.call("list nodes", () -> member.nodes().list().getItems());
            int ready = 0;
            Map<String, BigDecimal> allocatable = new TreeMap<>();
            for (Node n : nodes) {
                if (isReady(n)) {
                    ready++;
                    if (n.getStatus() != null && n.getStatus().getAllocatable() != null) {
                        n.getStatus()
                                .getAllocatable()
                                .forEach((k, q) -> allocatable.merge(k, Quantity.getAmountInBytes(q), BigDecimal::add));
                    }
                }
            }
            Map<String, BigDecimal> allocated = guard.call("allocated", this::allocated);
            return new Probe(
                    true,
                    null,
                    version,
                    new NodeSummary(nodes.size(), ready),
                    new ResourceSummary(quantities(allocatable), quantities(allocated)));
        } catch (RuntimeException e) {
            return new Probe(false, e.getMessage(), null, null, null);
        }
    }

    /**
     * Requests of what runs in the member: the pods' when there are pods; otherwise (a simulated
     * member has workloads but no pods) the ready replicas of Deployments and StatefulSets times
     * their pod template's requests.
     */
    private Map<String, BigDecimal> allocated() {
        Map<String, BigDecimal> sum = new TreeMap<>();
        List<Pod> pods = member.pods().inAnyNamespace().list().getItems();
        if (!pods.isEmpty()) {
            for (Pod p : pods) {
                String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
                if ("Succeeded".equals(phase) || "Failed".equals(phase) || p.getSpec() == null) {
                    continue;
                }
                addRequests(sum, p.getSpec().getContainers(), 1);
            }
            return sum;
        }
        for (Deployment d : member.apps().deployments().inAnyNamespace().list().getItems()) {
            int replicas = d.getStatus() == null || d.getStatus().getReadyReplicas() == null
                    ? 0
                    : d.getStatus().getReadyReplicas();
            addTemplate(sum, d.getSpec() == null ? null : d.getSpec().getTemplate(), replicas);
        }
        for (StatefulSet s :
                member.apps().statefulSets().inAnyNamespace().list().getItems()) {
            int replicas = s.getStatus() == null || s.getStatus().getReadyReplicas() == null
                    ? 0
                    : s.getStatus().getReadyReplicas();
            addTemplate(sum, s.getSpec() == null ? null : s.getSpec().getTemplate(), replicas);
        }
        return sum;
    }

    private static void addTemplate(Map<String, BigDecimal> sum, PodTemplateSpec template, int replicas) {
        if (template != null && template.getSpec() != null && replicas > 0) {
            addRequests(sum, template.getSpec().getContainers(), replicas);
        }
        if (replicas > 0) {
            sum.merge("pods", BigDecimal.valueOf(replicas), BigDecimal::add);
        }
    }

    private static void addRequests(Map<String, BigDecimal> sum, List<Container> containers, int times) {
        if (containers == null) {
            return;
        }
        for (Container c : containers) {
            if (c.getResources() != null && c.getResources().getRequests() != null) {
                c.getResources()
                        .getRequests()
                        .forEach((k, q) -> sum.merge(
                                k, Quantity.getAmountInBytes(q).multiply(BigDecimal.valueOf(times)), BigDecimal::add));
            }
        }
    }

    private static Map<String, Quantity> quantities(Map<String, BigDecimal> amounts) {
        Map<String, Quantity> out = new TreeMap<>();
        amounts.forEach((k, v) -> out.put(k, new Quantity(v.stripTrailingZeros().toPlainString())));
        return out;
    }

    private static boolean isReady(Node n) {
        if (n.getStatus() == null || n.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition c : n.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private void renewLease() {
        String ns = Namespaces.executionNamespace(cluster);
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        var leases = federation.leases().inNamespace(ns);
        Lease existing = leases.withName(ResourceNames.HEARTBEAT_LEASE).get();
        if (existing == null) {
            leases.resource(new LeaseBuilder()
                            .withNewMetadata()
                            .withName(ResourceNames.HEARTBEAT_LEASE)
                            .withNamespace(ns)
                            .endMetadata()
                            .withNewSpec()
                            .withHolderIdentity(identity)
                            .withLeaseDurationSeconds(
                                    (int) settings.leaseDuration().toSeconds())
                            .withAcquireTime(now)
                            .withRenewTime(now)
                            .endSpec()
                            .build())
                    .create();
            return;
        }
        existing.getSpec().setHolderIdentity(identity);
        existing.getSpec().setRenewTime(now);
        try {
            leases.resource(existing).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // someone (the previous agent of this cluster) renewed meanwhile: next beat
        }
    }

    private void report(Probe probe) {
        Cluster current = federation.resources(Cluster.class).withName(cluster).get();
        if (current == null) {
            return;
        }
        Instant now = clock.instant();
        ClusterStatus status =
                current.getStatus() == null ? ClusterStatus.builder().build() : current.getStatus();
        Condition reachable = probe.reachable()
                ? Condition.of(
                        ConditionTypes.REACHABLE,
                        ConditionStatus.TRUE,
                        ConditionReasons.CLUSTER_READY,
                        "the member's API server answers",
                        now)
                : Condition.of(
                        ConditionTypes.REACHABLE,
                        ConditionStatus.FALSE,
                        ConditionReasons.CLUSTER_UNREACHABLE,
                        probe.error(),
                        now);
        ClusterStatus.Builder next = status.toBuilder().conditions(Conditions.set(status.conditions(), reachable));
        if (probe.reachable()) {
            next.kubernetesVersion(probe.version())
                    .nodeSummary(probe.nodes())
                    .resourceSummary(probe.resources())
                    .lastHeartbeatTime(now);
        }
        ClusterStatus desired = next.build();
        boolean changed = !Objects.equals(withoutHeartbeat(desired), withoutHeartbeat(status));
        if (!changed && Duration.between(lastStatusWrite, now).compareTo(settings.statusRefresh()) < 0) {
            return;
        }
        if (!Conditions.find(status.conditions(), ConditionTypes.REACHABLE)
                .map(c -> c.status() == reachable.status())
                .orElse(false)) {
            log.info(
                    "Member cluster {} is {}",
                    cluster,
                    probe.reachable() ? "reachable" : "unreachable: " + probe.error());
        }
        Cluster copy = new Cluster(cluster, current.getSpec());
        copy.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        copy.setStatus(desired);
        try {
            federation.resource(copy).updateStatus();
            lastStatusWrite = now;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    private static ClusterStatus withoutHeartbeat(ClusterStatus s) {
        return s.toBuilder().lastHeartbeatTime(null).build();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
