package io.meridian.membersync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.Finalizers;
import io.meridian.api.model.policy.ApplyStrategy;
import io.meridian.api.model.work.ManifestStatus;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.ResourceIdentifier;
import io.meridian.api.model.work.Work;
import io.meridian.api.model.work.WorkSpec;
import io.meridian.api.model.work.WorkStatus;
import io.meridian.membersync.apply.ApplyOutcome;
import io.meridian.membersync.apply.ApplyRequest;
import io.meridian.membersync.apply.ManifestApplier;
import io.meridian.membersync.apply.ObjectRef;
import io.meridian.membersync.apply.Ownership;
import io.meridian.membersync.apply.ResourceTypes;
import io.meridian.membersync.apply.ResourceTypes.ResourceType;
import io.meridian.membersync.interpreter.ResourceInterpreter;
import io.meridian.membersync.resilience.MemberUnavailableException;
import io.meridian.reconciler.ObjectKey;
import io.meridian.reconciler.Reconciler;
import io.meridian.reconciler.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Converges one Work of one cluster: applies its manifests to the member, prunes what it no longer
 * lists, reports per manifest into its status; when it is being deleted, deletes its member objects
 * and then lets it go by removing the {@code meridian.io/cleanup} finalizer.
 *
 * <p>An object another live Work of the cluster still lists is never deleted on this Work's
 * account (a ConfigMap several workloads use appears in several Works). An object without {@code
 * meridian.io/managed-by=meridian} is never deleted at all.
 *
 * <p>Failures requeue with backoff: a member that does not answer (after the status says so), and
 * manifests the member refused. Conflicts are looked at again after a while, since the unmanaged
 * object in the way sends no event.
 */
final class WorkReconciler implements Reconciler<ObjectKey> {

    private static final Logger log = LoggerFactory.getLogger(WorkReconciler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String cluster;
    private final String namespace;
    private final KubernetesClient federation;
    private final WorkIndex works;
    private final MemberWatches watches;
    private final ManifestApplier applier;
    private final ResourceTypes types;
    private final ResourceInterpreter interpreter;
    private final SyncMetrics metrics;
    private final SyncSettings settings;
    private final Clock clock;
    private final Consumer<ObjectKey> enqueue;
    private final KubernetesSerialization serialization;
    private final WorkEvents events;

    WorkReconciler(
            String cluster,
            String namespace,
            KubernetesClient federation,
            WorkIndex works,
            MemberWatches watches,
            ManifestApplier applier,
            ResourceInterpreter interpreter,
            SyncMetrics metrics,
            SyncSettings settings,
            Clock clock,
            Consumer<ObjectKey> enqueue) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.federation = federation;
        this.works = works;
        this.watches = watches;
        this.applier = applier;
        this.types = applier.types();
        this.interpreter = interpreter;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.enqueue = enqueue;
        this.serialization = federation.getKubernetesSerialization();
        this.events = new WorkEvents(federation, cluster, clock);
    }

    @Override
    public Result reconcile(ObjectKey key) {
        if (!works.synced()) {
            // Until the cache is complete, a missing Work may just not be listed yet.
            return Result.requeueAfter(Duration.ofMillis(200));
        }
        MDC.put("cluster", cluster);
        try {
            Optional<Work> found = works.get(key);
            if (found.isEmpty()) {
                removeOrphans(key);
                return Result.DONE;
            }
            Work work = found.get();
            if (work.getMetadata().getDeletionTimestamp() != null) {
                return hasCleanupFinalizer(work) ? cleanUp(work) : Result.DONE;
            }
            return sync(work);
        } finally {
            MDC.remove("cluster");
        }
    }

    // --- applying --------------------------------------------------------------------------

    private Result sync(Work work) {
        ObjectKey key = ObjectKey.of(work);
        WorkSpec spec = work.getSpec() == null ? WorkSpec.of(null) : work.getSpec();
        List<GenericKubernetesResource> manifests =
                spec.workload() == null ? List.of() : spec.workload().manifests();
        Long generation = work.getMetadata().getGeneration();
        Map<Integer, ManifestStatus> previous = previousEntries(work);
        watchKinds(work);

        List<ManifestStatus> entries = new ArrayList<>();
        MemberUnavailableException unavailable = null;
        for (int i = 0; i < manifests.size(); i++) {
            GenericKubernetesResource manifest = manifests.get(i);
            Optional<ObjectRef> ref = ObjectRef.of(manifest);
            if (ref.isEmpty()) {
                entries.add(ManifestStatus.failed(
                        identifier(i, manifest, null),
                        ConditionReasons.APPLY_FAILED,
                        "manifest " + i + " needs an apiVersion, a kind and a name",
                        generation));
                continue;
            }
            if (unavailable != null) {
                entries.add(unavailableEntry(i, manifest, unavailable, generation));
                continue;
            }
            MDC.put("kind", manifest.getKind());
            MDC.put("namespace", String.valueOf(ref.get().namespace()));
            MDC.put("name", ref.get().name());
            try {
                entries.add(
                        spec.suspended()
                                ? observe(i, manifest, ref.get(), generation)
                                : apply(work, spec, i, manifest, ref.get(), previous.get(i)));
            } catch (MemberUnavailableException e) {
                unavailable = e;
                entries.add(unavailableEntry(i, manifest, e, generation));
            } finally {
                MDC.remove("kind");
                MDC.remove("namespace");
                MDC.remove("name");
            }
        }
        if (!spec.suspended() && unavailable == null) {
            try {
                prune(work, previous.values());
            } catch (MemberUnavailableException e) {
                unavailable = e;
            }
        }
        writeStatus(work, WorkStatuses.next(work.getStatus(), entries, spec.suspended(), generation, now()));
        if (unavailable != null) {
            throw unavailable;
        }
        List<ManifestStatus> failed = entries.stream()
                .filter(e -> ConditionReasons.APPLY_FAILED.equals(e.reason()))
                .toList();
        if (!failed.isEmpty()) {
            throw new SyncFailedException(
                    key + ": " + WorkStatuses.applied(failed, false, now()).message());
        }
        if (entries.stream().anyMatch(e -> ConditionReasons.CONFLICT.equals(e.reason()))) {
            return Result.requeueAfter(settings.conflictRecheck());
        }
        return Result.DONE;
    }

    private ManifestStatus apply(
            Work work,
            WorkSpec spec,
            int ordinal,
            GenericKubernetesResource manifest,
            ObjectRef ref,
            ManifestStatus previous) {
        ObjectKey key = ObjectKey.of(work);
        Long generation = work.getMetadata().getGeneration();
        ApplyStrategy strategy = spec.effectiveApplyStrategy();
        String strategyTag = strategy == ApplyStrategy.UPDATE ? "Update" : "ServerSideApply";
        long start = System.nanoTime();
        ApplyOutcome outcome;
        try {
            outcome = applier.apply(new ApplyRequest(
                    manifest,
                    key,
                    strategy,
                    spec.effectiveConflictResolution(),
                    other -> works.lists(other, types.normalize(manifest.getApiVersion(), ref))));
        } catch (MemberUnavailableException e) {
            metrics.applied(strategyTag, "unavailable", Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        ResourceIdentifier id = identifier(ordinal, manifest, outcome.type());
        switch (outcome.result()) {
            case APPLIED -> {
                metrics.applied(strategyTag, "applied", latency);
                // A write that only moved a shared object from another Work to this one is no drift.
                boolean claimed = outcome.previousWork() != null
                        && !outcome.previousWork().equals(key);
                if (outcome.changed() && !claimed && wasApplied(previous, id, generation)) {
                    metrics.driftCorrected();
                    log.info(
                            "Corrected drift of {} in member cluster {} (Work {})",
                            WorkStatuses.describe(id),
                            cluster,
                            key);
                }
                GenericKubernetesResource live = outcome.object();
                return ManifestStatus.applied(
                        id,
                        interpreter.health(live),
                        interpreter.reflectStatus(live).orElse(null),
                        generation);
            }
            case CONFLICT -> {
                metrics.applied(strategyTag, "conflict", latency);
                metrics.conflict();
                if (previous == null || !ConditionReasons.CONFLICT.equals(previous.reason())) {
                    log.info(
                            "Left {} alone in member cluster {}: {}",
                            WorkStatuses.describe(id),
                            cluster,
                            outcome.message());
                }
                return ManifestStatus.failed(id, ConditionReasons.CONFLICT, outcome.message(), generation);
            }
            default -> {
                metrics.applied(strategyTag, "failed", latency);
                return ManifestStatus.failed(id, ConditionReasons.APPLY_FAILED, outcome.message(), generation);
            }
        }
    }

    /** Suspended: nothing is written, the member's copy is reported as it is. */
    private ManifestStatus observe(int ordinal, GenericKubernetesResource manifest, ObjectRef ref, Long generation) {
        ResourceType type;
        try {
            type = types.resolve(manifest.getApiVersion(), manifest.getKind());
        } catch (ResourceTypes.UnknownKindException e) {
            return ManifestStatus.failed(
                    identifier(ordinal, manifest, null), ConditionReasons.APPLY_FAILED, e.getMessage(), generation);
        }
        ResourceIdentifier id = identifier(ordinal, manifest, type);
        GenericKubernetesResource live = applier.get(type, ref);
        if (live == null) {
            return new ManifestStatus(
                    id,
                    false,
                    ConditionReasons.SUSPENDED,
                    "dispatching is suspended; the object does not exist in the member cluster",
                    ResourceHealth.UNKNOWN,
                    null,
                    generation);
        }
        return new ManifestStatus(
                id,
                false,
                ConditionReasons.SUSPENDED,
                "dispatching is suspended; the member's copy is reported as it is",
                interpreter.health(live),
                interpreter.reflectStatus(live).orElse(null),
                generation);
    }

    private ManifestStatus unavailableEntry(
            int ordinal, GenericKubernetesResource manifest, MemberUnavailableException e, Long generation) {
        Optional<ResourceType> type = types.known(manifest.getApiVersion(), manifest.getKind());
        // One steady message, so that the status is not rewritten for every new way of failing.
        return ManifestStatus.failed(
                identifier(ordinal, manifest, type.orElse(null)),
                ConditionReasons.APPLY_FAILED,
                "member cluster " + e.cluster() + " is unavailable",
                generation);
    }

    private static boolean wasApplied(ManifestStatus previous, ResourceIdentifier id, Long generation) {
        return previous != null
                && Boolean.TRUE.equals(previous.applied())
                && Objects.equals(previous.observedGeneration(), generation)
                && Objects.equals(previous.identifier().kind(), id.kind())
                && Objects.equals(previous.identifier().group(), id.group())
                && Objects.equals(previous.identifier().namespace(), id.namespace())
                && Objects.equals(previous.identifier().name(), id.name());
    }

    /** Starts the member watches of every kind the Work holds or held (its status remembers). */
    private void watchKinds(Work work) {
        List<String[]> kinds = new ArrayList<>();
        if (work.getSpec() != null && work.getSpec().workload() != null) {
            for (GenericKubernetesResource m : work.getSpec().workload().manifests()) {
                if (m.getApiVersion() != null && m.getKind() != null) {
                    kinds.add(new String[] {m.getApiVersion(), m.getKind()});
                }
            }
        }
        for (ManifestStatus e : previousEntries(work).values()) {
            kinds.add(new String[] {apiVersion(e.identifier()), e.identifier().kind()});
        }
        for (String[] kind : kinds) {
            try {
                watches.ensure(kind[0], kind[1]);
            } catch (ResourceTypes.UnknownKindException | MemberUnavailableException e) {
                // Reported by the apply of the manifest itself; a watch is started on a later round.
                log.debug("Cannot watch {} {} in {} yet: {}", kind[0], kind[1], cluster, e.getMessage());
            }
        }
    }

    // --- pruning and cleanup ---------------------------------------------------------------

    /** A member object a Work put there or may have: its resource, and its copy when cached. */
    private record Candidate(ResourceType type, GenericKubernetesResource cached) {}

    /** Deletes member objects labelled with the Work, or in its last status, that it no longer lists. */
    private void prune(Work work, Collection<ManifestStatus> previous) {
        ObjectKey key = ObjectKey.of(work);
        Set<ObjectRef> listed = works.refs(work);
        Map<ObjectRef, Candidate> candidates = candidates(key, previous);
        for (Map.Entry<ObjectRef, Candidate> c : candidates.entrySet()) {
            ObjectRef ref = c.getKey();
            if (listed.contains(ref) || keptByOthers(ref, key)) {
                continue;
            }
            GenericKubernetesResource live = c.getValue().cached() != null
                    ? c.getValue().cached()
                    : applier.get(c.getValue().type(), ref);
            if (!belongsTo(live, key)) {
                continue;
            }
            if (applier.delete(c.getValue().type(), ref)) {
                metrics.pruned("removed");
                log.info("Pruned {} from member cluster {}: Work {} no longer lists it", ref, cluster, key);
            }
        }
    }

    /** Deletes a deleted Work's member objects; once they are gone, removes its finalizer. */
    private Result cleanUp(Work work) {
        ObjectKey key = ObjectKey.of(work);
        Map<ObjectRef, Candidate> candidates =
                candidates(key, previousEntries(work).values());
        if (work.getSpec() != null && work.getSpec().workload() != null) {
            for (GenericKubernetesResource m : work.getSpec().workload().manifests()) {
                Optional<ObjectRef> ref = ObjectRef.of(m);
                if (ref.isEmpty()) {
                    continue;
                }
                try {
                    ResourceType type = types.resolve(m.getApiVersion(), m.getKind());
                    candidates.putIfAbsent(ResourceTypes.normalize(type, ref.get()), new Candidate(type, null));
                } catch (ResourceTypes.UnknownKindException e) {
                    // the member never had it
                }
            }
        }
        int remaining = 0;
        for (Map.Entry<ObjectRef, Candidate> c : candidates.entrySet()) {
            ObjectRef ref = c.getKey();
            if (keptByOthers(ref, key)) {
                continue;
            }
            // Read afresh: the copy must be gone, not just look gone in a cache.
            GenericKubernetesResource live = applier.get(c.getValue().type(), ref);
            if (live == null || !Ownership.isManaged(live)) {
                continue;
            }
            Optional<ObjectKey> owner = Ownership.workOf(live);
            if (owner.isPresent() && !owner.get().equals(key) && works.lists(owner.get(), ref)) {
                continue;
            }
            remaining++;
            if (live.getMetadata().getDeletionTimestamp() == null
                    && applier.delete(c.getValue().type(), ref)) {
                metrics.pruned("work-deleted");
                log.info("Deleted {} from member cluster {}: Work {} is being deleted", ref, cluster, key);
            }
        }
        if (remaining > 0) {
            return Result.requeueAfter(settings.cleanupPoll());
        }
        removeFinalizer(key);
        return Result.DONE;
    }

    /** The Work is gone without a cleanup finalizer: its objects are orphans, unless another Work lists them. */
    private void removeOrphans(ObjectKey key) {
        if (!namespace.equals(key.namespace())) {
            return;
        }
        for (MemberWatches.Labelled l : watches.labelledWith(key)) {
            Optional<ObjectRef> ref = ObjectRef.of(l.object());
            if (ref.isEmpty() || keptByOthers(ref.get(), key) || !belongsTo(l.object(), key)) {
                continue;
            }
            if (applier.delete(l.type(), ref.get())) {
                metrics.pruned("orphaned");
                log.info("Deleted {} from member cluster {}: its Work {} is gone", ref.get(), cluster, key);
            }
        }
    }

    private Map<ObjectRef, Candidate> candidates(ObjectKey key, Collection<ManifestStatus> previous) {
        Map<ObjectRef, Candidate> candidates = new LinkedHashMap<>();
        for (MemberWatches.Labelled l : watches.labelledWith(key)) {
            ObjectRef.of(l.object()).ifPresent(ref -> candidates.put(ref, new Candidate(l.type(), l.object())));
        }
        for (ManifestStatus e : previous) {
            ResourceIdentifier id = e.identifier();
            if (id.kind() == null || id.name() == null || id.version() == null) {
                continue;
            }
            try {
                ResourceType type = types.resolve(apiVersion(id), id.kind());
                ObjectRef ref =
                        ResourceTypes.normalize(type, new ObjectRef(id.group(), id.kind(), id.namespace(), id.name()));
                candidates.putIfAbsent(ref, new Candidate(type, null));
            } catch (ResourceTypes.UnknownKindException ignored) {
                // the member does not serve the kind (any more): nothing of it to delete
            }
        }
        return candidates;
    }

    /** Whether another live Work lists the object; those Works are nudged to claim it. */
    private boolean keptByOthers(ObjectRef ref, ObjectKey key) {
        List<Work> others = works.othersListing(ref, key);
        others.forEach(w -> enqueue.accept(ObjectKey.of(w)));
        return !others.isEmpty();
    }

    /** Whether the member object is Meridian's and labelled with {@code key} (only then may the Work delete it). */
    private static boolean belongsTo(GenericKubernetesResource live, ObjectKey key) {
        return live != null
                && Ownership.isManaged(live)
                && Ownership.workOf(live).map(key::equals).orElse(false);
    }

    private static boolean hasCleanupFinalizer(Work work) {
        List<String> finalizers = work.getMetadata().getFinalizers();
        return finalizers != null && finalizers.contains(Finalizers.CLEANUP);
    }

    private void removeFinalizer(ObjectKey key) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Work fresh = federation
                    .resources(Work.class)
                    .inNamespace(key.namespace())
                    .withName(key.name())
                    .get();
            if (fresh == null || !hasCleanupFinalizer(fresh)) {
                return;
            }
            List<String> finalizers = new ArrayList<>(fresh.getMetadata().getFinalizers());
            finalizers.remove(Finalizers.CLEANUP);
            fresh.getMetadata().setFinalizers(finalizers);
            try {
                federation
                        .resources(Work.class)
                        .inNamespace(key.namespace())
                        .resource(fresh)
                        .update();
                log.info("Work {} has no objects left in member cluster {}; released it", key, cluster);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return;
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
        }
        throw new SyncFailedException("could not remove the finalizer of Work " + key + ": it kept changing");
    }

    // --- status ----------------------------------------------------------------------------

    private void writeStatus(Work work, WorkStatus status) {
        if (sameStatus(work.getStatus(), status)) {
            return;
        }
        Work copy = serialization.clone(work);
        copy.setStatus(status);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                federation
                        .resources(Work.class)
                        .inNamespace(namespace)
                        .resource(copy)
                        .updateStatus();
                events.recordTransitions(work, work.getStatus(), status);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return;
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
            Work fresh = federation
                    .resources(Work.class)
                    .inNamespace(namespace)
                    .withName(work.getMetadata().getName())
                    .get();
            if (fresh == null
                    || fresh.getMetadata().getDeletionTimestamp() != null
                    || !Objects.equals(
                            fresh.getMetadata().getGeneration(),
                            work.getMetadata().getGeneration())) {
                // Deleted or changed meanwhile: its own reconcile writes its status.
                return;
            }
            if (sameStatus(fresh.getStatus(), status)) {
                return;
            }
            fresh.setStatus(status);
            copy = fresh;
        }
        throw new SyncFailedException(
                "could not write the status of Work " + ObjectKey.of(work) + ": it kept changing");
    }

    /** Equal as JSON: a number read back from the API may be typed differently from one just computed. */
    private boolean sameStatus(WorkStatus current, WorkStatus next) {
        if (current == null) {
            return false;
        }
        try {
            JsonNode a = JSON.readTree(serialization.asJson(current));
            JsonNode b = JSON.readTree(serialization.asJson(next));
            return a.equals(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Map<Integer, ManifestStatus> previousEntries(Work work) {
        Map<Integer, ManifestStatus> result = new HashMap<>();
        if (work.getStatus() != null) {
            for (ManifestStatus e : work.getStatus().manifestStatuses()) {
                if (e != null && e.identifier() != null && e.identifier().ordinal() != null) {
                    result.put(e.identifier().ordinal(), e);
                }
            }
        }
        return result;
    }

    private static ResourceIdentifier identifier(int ordinal, GenericKubernetesResource manifest, ResourceType type) {
        String apiVersion = manifest.getApiVersion() == null ? "" : manifest.getApiVersion();
        String name =
                manifest.getMetadata() == null ? null : manifest.getMetadata().getName();
        String ns =
                manifest.getMetadata() == null ? null : manifest.getMetadata().getNamespace();
        if (type != null) {
            ns = type.namespaced() ? (ns == null || ns.isEmpty() ? "default" : ns) : null;
        }
        return new ResourceIdentifier(
                ordinal,
                ObjectRef.groupOf(apiVersion),
                ObjectRef.versionOf(apiVersion),
                manifest.getKind(),
                type == null ? null : type.plural(),
                ns,
                name);
    }

    private static String apiVersion(ResourceIdentifier id) {
        return id.group() == null || id.group().isEmpty() ? id.version() : id.group() + "/" + id.version();
    }

    /** A reconcile that must be retried: the member refused a manifest, or a write kept conflicting. */
    static final class SyncFailedException extends RuntimeException {
        SyncFailedException(String message) {
            super(message);
        }
    }
}
