package io.meridian.membersync.push;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterStatus;
import io.meridian.api.model.cluster.SecretReference;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Namespaces;
import io.meridian.membersync.connect.MemberConnections;
import io.meridian.membersync.interpreter.ResourceInterpreter;
import io.meridian.membersync.sync.ClusterSyncer;
import io.meridian.membersync.sync.SyncSettings;
import io.meridian.reconciler.Controller;
import io.meridian.reconciler.ObjectKey;
import io.meridian.reconciler.Result;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push mode: one {@link ClusterSyncer} for every Cluster whose {@code spec.syncMode} is Push (or
 * absent), built from the Cluster's endpoint and its credentials Secret ({@code spec.secretRef}).
 * A syncer starts when its Cluster appears, is rebuilt when the endpoint, the TLS setting or the
 * credentials change, and stops when the Cluster is deleted or turns to Pull (its agent takes over).
 *
 * <p>The controller runs the manager while it leads: {@link #start()} on gaining the lead, {@link
 * #stop()} on losing it; it may start again later. Credentials that are missing or unusable are
 * reported on the Cluster as Reachable=False, reason CredentialsInvalid, and looked at again after a
 * while. Building and stopping syncers never waits for a member.
 */
public final class SyncerManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncerManager.class);
    private static final Duration CREDENTIALS_RECHECK = Duration.ofSeconds(30);

    private record Running(ClusterSyncer syncer, String fingerprint) {}

    private final KubernetesClient federation;
    private final ResourceInterpreter interpreter;
    private final SyncSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Running> syncers = new ConcurrentHashMap<>();
    private SharedIndexInformer<Cluster> clusters;
    private SharedIndexInformer<Secret> secrets;
    private Controller<ObjectKey> controller;

    /**
     * @param federation a client for the federation API (not closed by the manager)
     * @param interpreter per-kind knowledge for the syncers
     * @param settings how each syncer runs
     * @param meters where the syncers' metrics go
     * @param clock the time conditions and heartbeats carry
     */
    public SyncerManager(
            KubernetesClient federation,
            ResourceInterpreter interpreter,
            SyncSettings settings,
            MeterRegistry meters,
            Clock clock) {
        this.federation = federation;
        this.interpreter = interpreter;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    /** Watches Clusters and credentials and runs their syncers; returns at once. Idempotent. */
    public synchronized void start() {
        if (controller != null) {
            return;
        }
        controller = Controller.builder("syncer-manager", this::reconcile)
                .workers(1)
                .meters(meters)
                .build();
        Controller<ObjectKey> c = controller;
        clusters = federation.resources(Cluster.class).runnableInformer(0);
        clusters.addEventHandler(handler(
                cluster -> c.enqueue(ObjectKey.cluster(cluster.getMetadata().getName()))));
        clusters.exceptionHandler((started, t) -> !ExceptionHandler.isDeserializationException(t));
        // Credentials live in meridian-system by convention; a Secret elsewhere is read on demand.
        secrets = federation.secrets().inNamespace(Namespaces.SYSTEM).runnableInformer(0);
        secrets.addEventHandler(handler(secret -> clustersUsing(secret).forEach(c::enqueue)));
        secrets.exceptionHandler((started, t) -> !ExceptionHandler.isDeserializationException(t));
        clusters.start();
        secrets.start();
        controller.start();
        log.info("Push-mode syncer manager started");
    }

    /** Stops every syncer and the watches. {@link #start()} may be called again. */
    public synchronized void stop() {
        if (controller == null) {
            return;
        }
        controller.close();
        clusters.stop();
        secrets.stop();
        controller = null;
        for (String cluster : Set.copyOf(syncers.keySet())) {
            stopSyncer(cluster, "the manager stops");
        }
        log.info("Push-mode syncer manager stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /** The clusters that have a running syncer. */
    public Set<String> clusters() {
        return Set.copyOf(syncers.keySet());
    }

    /** The running syncer of {@code cluster}. */
    public Optional<ClusterSyncer> syncer(String cluster) {
        return Optional.ofNullable(syncers.get(cluster)).map(Running::syncer);
    }

    // Synchronized with start and stop, so that no syncer is started after stop() stopped them all.
    private synchronized Result reconcile(ObjectKey key) {
        if (controller == null) {
            return Result.DONE;
        }
        if (!clusters.hasSynced()) {
            return Result.requeueAfter(Duration.ofMillis(200));
        }
        String name = key.name();
        Cluster cluster = clusters.getIndexer().getByKey(name);
        if (cluster == null
                || cluster.getMetadata().getDeletionTimestamp() != null
                || cluster.getSpec() == null
                || cluster.getSpec().syncMode() == SyncMode.PULL) {
            stopSyncer(name, cluster == null ? "its Cluster is gone" : "it is not a push-mode cluster");
            return Result.DONE;
        }
        if (!Namespaces.isValidClusterName(name)) {
            return Result.DONE;
        }
        SecretReference ref = cluster.getSpec().secretRef();
        Secret secret = null;
        if (ref != null) {
            secret = readSecret(ref);
            if (secret == null) {
                stopSyncer(name, "its credentials are missing");
                reportCredentials(
                        name, "the credentials Secret " + ref.namespace() + "/" + ref.name() + " does not exist");
                return Result.requeueAfter(CREDENTIALS_RECHECK);
            }
        }
        String fingerprint = fingerprint(cluster, secret);
        Running running = syncers.get(name);
        if (running != null && running.fingerprint().equals(fingerprint)) {
            return ref != null && !Namespaces.SYSTEM.equals(ref.namespace())
                    ? Result.requeueAfter(CREDENTIALS_RECHECK)
                    : Result.DONE;
        }
        if (running != null) {
            stopSyncer(name, "its endpoint or credentials changed");
        }
        KubernetesClient member;
        try {
            member = MemberConnections.connect(cluster, secret, settings.memberRequestTimeout());
        } catch (RuntimeException e) {
            reportCredentials(name, "the credentials cannot be used: " + e.getMessage());
            return Result.requeueAfter(CREDENTIALS_RECHECK);
        }
        ClusterSyncer syncer = new ClusterSyncer(name, federation, member, interpreter, settings, meters, clock);
        syncers.put(name, new Running(syncer, fingerprint));
        syncer.start();
        return ref != null && !Namespaces.SYSTEM.equals(ref.namespace())
                ? Result.requeueAfter(CREDENTIALS_RECHECK)
                : Result.DONE;
    }

    private void stopSyncer(String cluster, String why) {
        Running running = syncers.remove(cluster);
        if (running != null) {
            log.info("Stopping the syncer of member cluster {}: {}", cluster, why);
            running.syncer().close();
        }
    }

    private Secret readSecret(SecretReference ref) {
        if (Namespaces.SYSTEM.equals(ref.namespace())) {
            return secrets.getIndexer().getByKey(ref.namespace() + "/" + ref.name());
        }
        return federation
                .secrets()
                .inNamespace(ref.namespace())
                .withName(ref.name())
                .get();
    }

    private Set<ObjectKey> clustersUsing(Secret secret) {
        String ns = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        return clusters.getIndexer().list().stream()
                .filter(c -> c.getSpec() != null && c.getSpec().secretRef() != null)
                .filter(c -> ns.equals(c.getSpec().secretRef().namespace())
                        && name.equals(c.getSpec().secretRef().name()))
                .map(c -> ObjectKey.cluster(c.getMetadata().getName()))
                .collect(Collectors.toSet());
    }

    /** What a syncer is built from: when it changes, the syncer is rebuilt. */
    static String fingerprint(Cluster cluster, Secret secret) {
        Map<String, String> parts = new TreeMap<>();
        parts.put("endpoint", String.valueOf(cluster.getSpec().apiEndpoint()));
        parts.put("insecure", String.valueOf(cluster.getSpec().insecureSkipTLSVerification()));
        if (secret != null) {
            parts.put(
                    "secret",
                    secret.getMetadata().getNamespace() + "/"
                            + secret.getMetadata().getName());
            if (secret.getData() != null) {
                new TreeMap<>(secret.getData()).forEach((k, v) -> parts.put("data." + k, v));
            }
            if (secret.getStringData() != null) {
                new TreeMap<>(secret.getStringData()).forEach((k, v) -> parts.put("stringData." + k, v));
            }
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(parts.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reachable=False, CredentialsInvalid: no syncer can run, so none will report anything else. */
    private void reportCredentials(String name, String message) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Cluster current = federation.resources(Cluster.class).withName(name).get();
            if (current == null) {
                return;
            }
            ClusterStatus status =
                    current.getStatus() == null ? ClusterStatus.builder().build() : current.getStatus();
            Condition reachable = Condition.of(
                    ConditionTypes.REACHABLE,
                    ConditionStatus.FALSE,
                    ConditionReasons.CREDENTIALS_INVALID,
                    message,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS));
            Optional<Condition> existing = Conditions.find(status.conditions(), ConditionTypes.REACHABLE);
            if (existing.isPresent() && existing.get().sameStateAs(reachable)) {
                return;
            }
            log.warn("Member cluster {} cannot be synced: {}", name, message);
            current.setStatus(status.withConditions(Conditions.set(status.conditions(), reachable)));
            try {
                federation.resource(current).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    log.debug("Could not report the credentials of {}: {}", name, e.toString());
                    return;
                }
            }
        }
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                enqueue.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                if (!Objects.equals(oldObj, newObj)) {
                    enqueue.accept(newObj);
                }
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                enqueue.accept(obj);
            }
        };
    }
}
