package io.meridian.sandbox.member;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a member cluster's own controllers and kubelets against its API server, through the fabric8 client, so that
 * what federation code applies to a member behaves as on a real cluster: Nodes with capacity exist and heartbeat;
 * Deployments, StatefulSets and DaemonSets become ready {@code readinessDelay} after each change of their spec; Jobs
 * start at once and complete {@code jobDuration} later; LoadBalancer Services and Ingresses get an address from the
 * cluster's own range. A pod template with an image containing the broken-image marker ({@code "crashloop"} by
 * default) never becomes ready (and such a Job fails).
 *
 * <p>Why it is built the way it is: like a real controller it is level-triggered — informers only enqueue keys, and
 * a single worker recomputes each object's status from its spec, a little memory of when that spec was first seen
 * ({@link Rollout}) and the clock, then writes it through the status subresource only if it differs (with
 * resource-version conflicts retried on a fresh read). Recomputing is therefore harmless, a restarted simulator
 * picks up from the stored statuses, and federation code sees the same sequence of statuses as from
 * kube-controller-manager. Pods are not simulated: statuses carry the counts a controller would report.
 *
 * <p>Capacity: {@link #allocatable()} sums the allocatable resources of Ready nodes; {@link #requested()} sums what
 * one pod of each workload requests times its ready pods (Deployments and StatefulSets: readyReplicas; DaemonSets:
 * numberReady; Jobs: active); {@link #available()} is the difference. Nothing is ever refused for lack of capacity.
 *
 * <p>It talks to the API server directly, not through the cluster's fault proxy: a cluster that is unreachable from
 * the federation keeps running its workloads, as a real one would.
 */
public final class WorkloadSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkloadSimulator.class);
    private static final int CONFLICT_RETRIES = 3;

    private enum Kind {
        NODE,
        DEPLOYMENT,
        STATEFUL_SET,
        DAEMON_SET,
        JOB,
        SERVICE,
        INGRESS
    }

    private record Key(Kind kind, String namespace, String name) {
        String storeKey() {
            return namespace == null ? name : namespace + "/" + name;
        }

        @Override
        public String toString() {
            return kind + " " + storeKey();
        }
    }

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    private final Builder settings;
    private final List<String> nodeNames;
    private final Map<String, Boolean> nodeReady = new ConcurrentHashMap<>();
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    private final Map<String, Instant> loadBalancerSeen = new ConcurrentHashMap<>();
    private final AddressPool addresses;
    private final WorkQueue<Key> queue;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private String kubeletVersion;
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<StatefulSet> statefulSets;
    private SharedIndexInformer<DaemonSet> daemonSets;
    private SharedIndexInformer<Job> jobs;
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<Ingress> ingresses;

    private WorkloadSimulator(KubernetesClient client, Builder settings) {
        this.client = client;
        this.serialization = client.getKubernetesSerialization();
        this.settings = settings;
        this.nodeNames = IntStream.rangeClosed(1, settings.nodes)
                .mapToObj(i -> settings.clusterName + "-node-" + i)
                .toList();
        nodeNames.forEach(n -> nodeReady.put(n, true));
        this.addresses = new AddressPool(settings.loadBalancerCidr);
        this.queue = new WorkQueue<>("workload-simulator-" + settings.clusterName, this::reconcile);
    }

    public static Builder builder() {
        return new Builder();
    }

    private WorkloadSimulator start() {
        kubeletVersion = settings.kubeletVersion != null ? settings.kubeletVersion : serverVersion();
        try {
            nodes = informer(client.nodes(), new NodeHandler());
            deployments = informer(client.apps().deployments().inAnyNamespace(), handler(Kind.DEPLOYMENT));
            statefulSets = informer(client.apps().statefulSets().inAnyNamespace(), handler(Kind.STATEFUL_SET));
            daemonSets = informer(client.apps().daemonSets().inAnyNamespace(), handler(Kind.DAEMON_SET));
            jobs = informer(client.batch().v1().jobs().inAnyNamespace(), handler(Kind.JOB));
            services = informer(client.services().inAnyNamespace(), handler(Kind.SERVICE));
            ingresses = informer(client.network().v1().ingresses().inAnyNamespace(), handler(Kind.INGRESS));
            List<CompletableFuture<Void>> synced =
                    informers.stream().map(i -> i.start().toCompletableFuture()).toList();
            CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("cannot list and watch the API server of " + settings.clusterName, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting the simulator of " + settings.clusterName, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        // Every cache is full before the first key is processed (a DaemonSet needs the nodes), and addresses already
        // handed out are taken over before a new one is chosen.
        services.getStore().list().forEach(this::claimAddress);
        ingresses.getStore().list().forEach(this::claimAddress);
        queue.start();
        nodeNames.forEach(n -> queue.add(new Key(Kind.NODE, null, n)));
        queue.every(settings.heartbeatInterval, () -> nodeNames.forEach(n -> queue.add(new Key(Kind.NODE, null, n))));
        awaitNodesReady(Duration.ofSeconds(60));
        log.info(
                "simulating cluster {} ({} / {}): {} nodes, readiness delay {} ms",
                settings.clusterName,
                settings.region,
                settings.zone,
                nodeNames.size(),
                settings.readinessDelay.toMillis());
        return this;
    }

    /** The names of the simulated nodes, {@code <cluster>-node-1} and so on. */
    public List<String> nodeNames() {
        return nodeNames;
    }

    /**
     * Makes a node report Ready (true) or NotReady (false), as if its kubelet or runtime failed: its capacity leaves
     * {@link #allocatable()} and DaemonSet pods on it stop being ready.
     */
    public void setNodeReady(String node, boolean ready) {
        if (!nodeReady.containsKey(node)) {
            throw new IllegalArgumentException("no simulated node " + node + "; nodes are " + nodeNames);
        }
        nodeReady.put(node, ready);
        queue.add(new Key(Kind.NODE, null, node));
    }

    /** Makes every node Ready again. */
    public void resetNodes() {
        nodeNames.forEach(n -> setNodeReady(n, true));
    }

    /** The allocatable resources of the Ready nodes. */
    public Capacity allocatable() {
        Capacity total = Capacity.ZERO;
        for (Node n : nodes.getStore().list()) {
            if (ready(n) && n.getStatus().getAllocatable() != null) {
                Map<String, Quantity> a = n.getStatus().getAllocatable();
                Quantity pods = a.get("pods");
                total = total.plus(new Capacity(
                        PodTemplates.milliCpu(a.get("cpu")),
                        PodTemplates.bytes(a.get("memory")),
                        pods == null ? 0 : pods.getNumericalAmount().longValue()));
            }
        }
        return total;
    }

    /** What the ready pods of all workloads request (see the class comment for what counts). */
    public Capacity requested() {
        Capacity total = Capacity.ZERO;
        for (Deployment d : deployments.getStore().list()) {
            int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null
                    ? 0
                    : d.getStatus().getReadyReplicas();
            total = total.plus(PodTemplates.requests(d.getSpec().getTemplate()).times(ready));
        }
        for (StatefulSet s : statefulSets.getStore().list()) {
            int ready = s.getStatus() == null || s.getStatus().getReadyReplicas() == null
                    ? 0
                    : s.getStatus().getReadyReplicas();
            total = total.plus(PodTemplates.requests(s.getSpec().getTemplate()).times(ready));
        }
        for (DaemonSet ds : daemonSets.getStore().list()) {
            int ready = ds.getStatus() == null || ds.getStatus().getNumberReady() == null
                    ? 0
                    : ds.getStatus().getNumberReady();
            total = total.plus(PodTemplates.requests(ds.getSpec().getTemplate()).times(ready));
        }
        for (Job j : jobs.getStore().list()) {
            int active = j.getStatus() == null || j.getStatus().getActive() == null
                    ? 0
                    : j.getStatus().getActive();
            total = total.plus(PodTemplates.requests(j.getSpec().getTemplate()).times(active));
        }
        return total;
    }

    /** {@link #allocatable()} minus {@link #requested()}, never below zero. */
    public Capacity available() {
        return allocatable().minus(requested());
    }

    @Override
    public void close() {
        queue.close();
        informers.forEach(i -> {
            try {
                i.stop();
            } catch (RuntimeException e) {
                log.debug("stopping an informer of {}", settings.clusterName, e);
            }
        });
    }

    private <T extends HasMetadata> SharedIndexInformer<T> informer(
            Informable<T> source, ResourceEventHandler<? super T> handler) {
        SharedIndexInformer<T> informer = source.runnableInformer(0);
        informer.addEventHandler(handler);
        informers.add(informer);
        return informer;
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Kind kind) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                queue.add(key(kind, obj));
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                queue.add(key(kind, newObj));
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                String uid = obj.getMetadata().getUid();
                rollouts.remove(uid);
                loadBalancerSeen.remove(uid);
                addresses.release(uid);
            }
        };
    }

    /** Node events: re-register a simulated node that was deleted; DaemonSets follow the set of Ready nodes. */
    private final class NodeHandler implements ResourceEventHandler<Node> {
        @Override
        public void onAdd(Node n) {
            nodeChanged(n);
            daemonSets.getStore().list().forEach(ds -> queue.add(key(Kind.DAEMON_SET, ds)));
        }

        @Override
        public void onUpdate(Node oldNode, Node newNode) {
            nodeChanged(newNode);
            if (ready(oldNode) != ready(newNode)
                    || !Objects.equals(
                            oldNode.getMetadata().getLabels(),
                            newNode.getMetadata().getLabels())) {
                daemonSets.getStore().list().forEach(ds -> queue.add(key(Kind.DAEMON_SET, ds)));
            }
        }

        @Override
        public void onDelete(Node n, boolean deletedFinalStateUnknown) {
            nodeChanged(n);
            daemonSets.getStore().list().forEach(ds -> queue.add(key(Kind.DAEMON_SET, ds)));
        }

        private void nodeChanged(Node n) {
            if (nodeReady.containsKey(n.getMetadata().getName())) {
                queue.add(new Key(Kind.NODE, null, n.getMetadata().getName()));
            }
        }
    }

    private static Key key(Kind kind, HasMetadata obj) {
        return new Key(kind, obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    }

    private void reconcile(Key key) {
        switch (key.kind()) {
            case NODE -> reconcileNode(key);
            case DEPLOYMENT -> converge(deployments.getStore().getByKey(key.storeKey()), d -> deployment(key, d));
            case STATEFUL_SET -> converge(statefulSets.getStore().getByKey(key.storeKey()), s -> statefulSet(key, s));
            case DAEMON_SET -> converge(daemonSets.getStore().getByKey(key.storeKey()), ds -> daemonSet(key, ds));
            case JOB -> converge(jobs.getStore().getByKey(key.storeKey()), j -> job(key, j));
            case SERVICE -> converge(services.getStore().getByKey(key.storeKey()), s -> service(key, s));
            case INGRESS -> converge(ingresses.getStore().getByKey(key.storeKey()), this::ingress);
        }
    }

    /**
     * Writes the status {@code desired} computes for {@code current}, if it computes one; on a resource-version
     * conflict, reads the object again and recomputes.
     */
    private <T extends HasMetadata> void converge(T current, Function<T, Optional<T>> desired) {
        T obj = current;
        for (int attempt = 0; obj != null; attempt++) {
            Optional<T> next = desired.apply(obj);
            if (next.isEmpty()) {
                return;
            }
            try {
                client.resource(next.get()).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return; // deleted meanwhile: nothing to report
                }
                if (e.getCode() != 409 || attempt >= CONFLICT_RETRIES) {
                    throw e;
                }
                obj = client.resource(obj).get();
            }
        }
    }

    private <T extends HasMetadata> T withStatus(T obj, Consumer<T> setter) {
        T copy = serialization.clone(obj);
        setter.accept(copy);
        return copy;
    }

    private void recheck(Key key, Instant at, Instant now) {
        if (at != null) {
            // A little after the due time, so the recomputation finds the delay elapsed.
            queue.addAfter(key, Duration.between(now, at).plusMillis(20));
        }
    }

    private Optional<Deployment> deployment(Key key, Deployment d) {
        Instant now = Instant.now();
        String template = PodTemplates.hash(d.getSpec().getTemplate(), serialization);
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        DeploymentStatus s = d.getStatus();
        Rollout rollout = rollouts.computeIfAbsent(
                d.getMetadata().getUid(),
                u -> s == null
                        ? Rollout.fresh()
                        : Rollout.resume(
                                template,
                                replicas,
                                Objects.equals(
                                                s.getObservedGeneration(),
                                                d.getMetadata().getGeneration())
                                        && count(s.getUpdatedReplicas()) == replicas
                                        && count(s.getReadyReplicas()) == replicas,
                                count(s.getReadyReplicas())));
        Rollout.Progress p = rollout.observe(
                template,
                replicas,
                PodTemplates.broken(d.getSpec().getTemplate(), settings.brokenImageMarker),
                now,
                settings.readinessDelay);
        recheck(key, p.settlesAt(), now);
        DeploymentStatus next = WorkloadStatuses.deployment(d, p, now);
        return next.equals(s) ? Optional.empty() : Optional.of(withStatus(d, c -> c.setStatus(next)));
    }

    private Optional<StatefulSet> statefulSet(Key key, StatefulSet set) {
        Instant now = Instant.now();
        String template = PodTemplates.hash(set.getSpec().getTemplate(), serialization);
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        StatefulSetStatus s = set.getStatus();
        Rollout rollout = rollouts.computeIfAbsent(
                set.getMetadata().getUid(),
                u -> s == null
                        ? Rollout.fresh()
                        : Rollout.resume(
                                template,
                                replicas,
                                Objects.equals(
                                                s.getObservedGeneration(),
                                                set.getMetadata().getGeneration())
                                        && Objects.equals(s.getCurrentRevision(), s.getUpdateRevision())
                                        && count(s.getReadyReplicas()) == replicas,
                                count(s.getReadyReplicas())));
        Rollout.Progress p = rollout.observe(
                template,
                replicas,
                PodTemplates.broken(set.getSpec().getTemplate(), settings.brokenImageMarker),
                now,
                settings.readinessDelay);
        recheck(key, p.settlesAt(), now);
        StatefulSetStatus next = WorkloadStatuses.statefulSet(set, p);
        return next.equals(s) ? Optional.empty() : Optional.of(withStatus(set, c -> c.setStatus(next)));
    }

    private Optional<DaemonSet> daemonSet(Key key, DaemonSet ds) {
        Instant now = Instant.now();
        Map<String, String> selector = ds.getSpec().getTemplate() == null
                        || ds.getSpec().getTemplate().getSpec() == null
                        || ds.getSpec().getTemplate().getSpec().getNodeSelector() == null
                ? Map.of()
                : ds.getSpec().getTemplate().getSpec().getNodeSelector();
        int desired = 0;
        int readyNodes = 0;
        for (Node n : nodes.getStore().list()) {
            Map<String, String> labels = n.getMetadata().getLabels() == null
                    ? Map.of()
                    : n.getMetadata().getLabels();
            if (labels.entrySet().containsAll(selector.entrySet())) {
                desired++;
                if (ready(n)) {
                    readyNodes++;
                }
            }
        }
        String template = PodTemplates.hash(ds.getSpec().getTemplate(), serialization);
        DaemonSetStatus s = ds.getStatus();
        int wanted = readyNodes;
        Rollout rollout = rollouts.computeIfAbsent(
                ds.getMetadata().getUid(),
                u -> s == null
                        ? Rollout.fresh()
                        : Rollout.resume(
                                template,
                                wanted,
                                Objects.equals(
                                                s.getObservedGeneration(),
                                                ds.getMetadata().getGeneration())
                                        && count(s.getNumberReady()) == wanted,
                                count(s.getNumberReady())));
        Rollout.Progress p = rollout.observe(
                template,
                wanted,
                PodTemplates.broken(ds.getSpec().getTemplate(), settings.brokenImageMarker),
                now,
                settings.readinessDelay);
        recheck(key, p.settlesAt(), now);
        DaemonSetStatus next = WorkloadStatuses.daemonSet(ds, desired, p);
        return next.equals(s) ? Optional.empty() : Optional.of(withStatus(ds, c -> c.setStatus(next)));
    }

    private Optional<Job> job(Key key, Job j) {
        Instant now = Instant.now();
        JobStatuses.Next next = JobStatuses.next(
                j,
                PodTemplates.broken(j.getSpec().getTemplate(), settings.brokenImageMarker),
                now,
                settings.jobDuration());
        recheck(key, next.recheckAt(), now);
        return Objects.equals(next.status(), j.getStatus())
                ? Optional.empty()
                : Optional.of(withStatus(j, c -> c.setStatus(next.status())));
    }

    private Optional<Service> service(Key key, Service svc) {
        Instant now = Instant.now();
        String uid = svc.getMetadata().getUid();
        List<LoadBalancerIngress> current = svc.getStatus() == null
                        || svc.getStatus().getLoadBalancer() == null
                        || svc.getStatus().getLoadBalancer().getIngress() == null
                ? List.of()
                : svc.getStatus().getLoadBalancer().getIngress();
        List<LoadBalancerIngress> wanted;
        if (!"LoadBalancer".equals(svc.getSpec().getType())) {
            addresses.release(uid);
            loadBalancerSeen.remove(uid);
            wanted = List.of();
        } else {
            Instant due = loadBalancerSeen.computeIfAbsent(uid, u -> now).plus(settings.loadBalancerDelay());
            if (current.isEmpty() && now.isBefore(due)) {
                recheck(key, due, now);
                return Optional.empty();
            }
            String ip = addresses.assign(
                    uid,
                    current.isEmpty() ? null : current.getFirst().getIp(),
                    svc.getSpec().getLoadBalancerIP());
            wanted = List.of(new LoadBalancerIngressBuilder()
                    .withIp(ip)
                    .withIpMode("VIP")
                    .build());
        }
        if (wanted.equals(current)) {
            return Optional.empty();
        }
        return Optional.of(withStatus(svc, c -> {
            ServiceStatus status = c.getStatus() == null ? new ServiceStatus() : c.getStatus();
            status.setLoadBalancer(new LoadBalancerStatus(wanted.isEmpty() ? null : wanted));
            c.setStatus(status);
        }));
    }

    private Optional<Ingress> ingress(Ingress ing) {
        List<IngressLoadBalancerIngress> current = ing.getStatus() == null
                        || ing.getStatus().getLoadBalancer() == null
                        || ing.getStatus().getLoadBalancer().getIngress() == null
                ? List.of()
                : ing.getStatus().getLoadBalancer().getIngress();
        String ip = addresses.assign(
                ing.getMetadata().getUid(),
                current.isEmpty() ? null : current.getFirst().getIp(),
                null);
        List<IngressLoadBalancerIngress> wanted =
                List.of(new IngressLoadBalancerIngressBuilder().withIp(ip).build());
        if (wanted.equals(current)) {
            return Optional.empty();
        }
        return Optional.of(withStatus(ing, c -> c.setStatus(new IngressStatus(new IngressLoadBalancerStatus(wanted)))));
    }

    private void claimAddress(Service svc) {
        if (svc.getStatus() != null
                && svc.getStatus().getLoadBalancer() != null
                && svc.getStatus().getLoadBalancer().getIngress() != null
                && !svc.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            addresses.assign(
                    svc.getMetadata().getUid(),
                    svc.getStatus().getLoadBalancer().getIngress().getFirst().getIp(),
                    null);
        }
    }

    private void claimAddress(Ingress ing) {
        if (ing.getStatus() != null
                && ing.getStatus().getLoadBalancer() != null
                && ing.getStatus().getLoadBalancer().getIngress() != null
                && !ing.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            addresses.assign(
                    ing.getMetadata().getUid(),
                    ing.getStatus().getLoadBalancer().getIngress().getFirst().getIp(),
                    null);
        }
    }

    private void reconcileNode(Key key) {
        String name = key.name();
        Node node = nodes.getStore().getByKey(name);
        if (node == null) {
            try {
                node = client.nodes()
                        .resource(NodeStatuses.node(name, settings.region, settings.zone, settings.instanceType))
                        .create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                node = client.nodes().withName(name).get();
            }
        }
        int index = nodeNames.indexOf(name) + 1;
        converge(node, n -> {
            Instant now = Instant.now();
            NodeStatus next = NodeStatuses.status(
                    name,
                    settings.nodeShape,
                    nodeReady.getOrDefault(name, true),
                    kubeletVersion,
                    "10.0.0." + (10 + index),
                    n.getStatus(),
                    now,
                    settings.heartbeatInterval);
            return next.equals(n.getStatus()) ? Optional.empty() : Optional.of(withStatus(n, c -> c.setStatus(next)));
        });
    }

    private void awaitNodesReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (nodeNames.stream().map(n -> nodes.getStore().getByKey(n)).allMatch(n -> n != null && ready(n))) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while registering the nodes of " + settings.clusterName);
            }
        }
        close();
        throw new IllegalStateException("the nodes of " + settings.clusterName + " were not Ready within "
                + timeout.toSeconds() + "s (see the log of workload-simulator-" + settings.clusterName + ")");
    }

    private String serverVersion() {
        try {
            String v = client.getKubernetesVersion().getGitVersion();
            return v == null || v.isBlank() ? Builder.DEFAULT_KUBELET_VERSION : v;
        } catch (KubernetesClientException e) {
            log.debug(
                    "no /version from {}; kubelets report {}",
                    settings.clusterName,
                    Builder.DEFAULT_KUBELET_VERSION,
                    e);
            return Builder.DEFAULT_KUBELET_VERSION;
        }
    }

    private static boolean ready(Node n) {
        return n.getStatus() != null
                && n.getStatus().getConditions() != null
                && n.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    /** The simulated cluster's shape and timings. */
    public static final class Builder {
        static final String DEFAULT_KUBELET_VERSION = "v1.34.1";

        private String clusterName = "member";
        private String region = "local";
        private String zone;
        private int nodes = 3;
        private NodeShape nodeShape = NodeShape.DEFAULT;
        private String instanceType = "sim.2xlarge";
        private Duration readinessDelay = Duration.ofSeconds(1);
        private Duration jobDuration;
        private Duration loadBalancerDelay = Duration.ZERO;
        private String loadBalancerCidr = "172.20.0.0/24";
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private String kubeletVersion;
        private String brokenImageMarker = "crashloop";

        private Builder() {}

        /** Prefix of node names and name in logs. */
        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName);
            return this;
        }

        /** The nodes' {@code topology.kubernetes.io/region} label. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /** The nodes' {@code topology.kubernetes.io/zone} label; {@code <region>-a} by default. */
        public Builder zone(String zone) {
            this.zone = zone;
            return this;
        }

        public Builder nodes(int nodes) {
            if (nodes < 0) {
                throw new IllegalArgumentException("nodes must not be negative: " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        public Builder nodeShape(NodeShape shape) {
            this.nodeShape = Objects.requireNonNull(shape);
            return this;
        }

        /** The nodes' {@code node.kubernetes.io/instance-type} label. */
        public Builder instanceType(String instanceType) {
            this.instanceType = Objects.requireNonNull(instanceType);
            return this;
        }

        /** How long after a change of its spec a workload's pods are ready (1 s by default). */
        public Builder readinessDelay(Duration delay) {
            this.readinessDelay = nonNegative(delay, "readiness delay");
            return this;
        }

        /** How long a Job runs before it completes; the readiness delay by default. */
        public Builder jobDuration(Duration duration) {
            this.jobDuration = nonNegative(duration, "job duration");
            return this;
        }

        /** How long a LoadBalancer Service waits for its address; none by default. */
        public Builder loadBalancerDelay(Duration delay) {
            this.loadBalancerDelay = nonNegative(delay, "load-balancer delay");
            return this;
        }

        /** Where load-balancer addresses come from, an IPv4 CIDR such as {@code 172.20.1.0/24}. */
        public Builder loadBalancerCidr(String cidr) {
            new AddressPool(cidr); // validate now
            this.loadBalancerCidr = cidr;
            return this;
        }

        /** How often kubelets post their node status; at least 2 s (timestamps have whole seconds). */
        public Builder heartbeatInterval(Duration interval) {
            if (interval.compareTo(Duration.ofSeconds(2)) < 0) {
                throw new IllegalArgumentException("the heartbeat interval must be at least 2s, not " + interval);
            }
            this.heartbeatInterval = interval;
            return this;
        }

        /** What kubelets report; the API server's {@code /version} by default. */
        public Builder kubeletVersion(String version) {
            this.kubeletVersion = version;
            return this;
        }

        /** Pod templates with an image containing this never become ready; {@code "crashloop"} by default. */
        public Builder brokenImageMarker(String marker) {
            this.brokenImageMarker = marker;
            return this;
        }

        String zoneOrDefault() {
            return zone != null ? zone : region + "-a";
        }

        Duration jobDuration() {
            return jobDuration != null ? jobDuration : readinessDelay;
        }

        Duration loadBalancerDelay() {
            return loadBalancerDelay;
        }

        Duration readinessDelay() {
            return readinessDelay;
        }

        /**
         * Starts simulating on the cluster {@code client} talks to: registers the nodes, starts the informers, and
         * returns once every node is Ready. The client stays the caller's to close. Against this project's API server
         * the client needs HTTP watches ({@link SimulatedCluster#newClient(String)} makes such a client).
         */
        public WorkloadSimulator start(KubernetesClient client) {
            Builder copy = copy();
            copy.zone = zoneOrDefault();
            return new WorkloadSimulator(client, copy).start();
        }

        private Builder copy() {
            Builder b = new Builder();
            b.clusterName = clusterName;
            b.region = region;
            b.zone = zone;
            b.nodes = nodes;
            b.nodeShape = nodeShape;
            b.instanceType = instanceType;
            b.readinessDelay = readinessDelay;
            b.jobDuration = jobDuration;
            b.loadBalancerDelay = loadBalancerDelay;
            b.loadBalancerCidr = loadBalancerCidr;
            b.heartbeatInterval = heartbeatInterval;
            b.kubeletVersion = kubeletVersion;
            b.brokenImageMarker = brokenImageMarker;
            return b;
        }

        private static Duration nonNegative(Duration d, String what) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("the " + what + " must not be negative: " + d);
            }
            return d;
        }
    }
}
