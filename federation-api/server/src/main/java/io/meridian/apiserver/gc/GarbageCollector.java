package io.meridian.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.DeleteOptions;
import io.meridian.apiserver.registry.ListOptions;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.registry.WriteOptions;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.storage.StorageException;
import io.meridian.apiserver.watch.WatchCaches;
import io.meridian.apiserver.watch.WatchEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner-reference garbage collection, as Kubernetes' garbage collector does it: dependents whose
 * owners are all gone are deleted (background), dependents of an owner deleted in the foreground
 * go before the owner does, and an owner deleted with the orphan policy first releases its
 * dependents. It keeps a graph of owners and dependents from the watch caches and acts
 * level-triggered from a queue; before it deletes anything because an owner seems absent, it asks
 * etcd, so a graph that is a moment behind never costs an object.
 */
public final class GarbageCollector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
    private static final String ORPHAN = "orphan";
    private static final String FOREGROUND = "foregroundDeletion";

    /** What the graph keeps of one object. */
    private record Node(
            ResourceType type,
            String namespace,
            String name,
            String uid,
            List<Owner> owners,
            boolean deleting,
            Set<String> finalizers) {}

    private record Owner(String apiVersion, String kind, String name, String uid) {}

    private final ResourceRegistry registry;
    private final ObjectStore objects;
    private final Map<String, Node> byUid = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> dependents = new ConcurrentHashMap<>();
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("garbage-collector").factory());
    private WatchCaches caches;

    public GarbageCollector(ResourceRegistry registry, ObjectStore objects) {
        this.registry = registry;
        this.objects = objects;
    }

    public void start(WatchCaches caches) {
        this.caches = caches;
        track();
        registry.addListener(r -> worker.execute(this::track));
    }

    /** Follows every stored resource not yet followed (CRDs add some while running). */
    private synchronized void track() {
        for (ResourceRegistry.Entry e : registry.entries()) {
            if (!e.storageVersion()) {
                continue;
            }
            ResourceType type = e.type();
            String prefix = objects.prefix(type, null);
            if (!tracked.add(prefix)) {
                continue;
            }
            try {
                ObjectNode list = objects.list(type, null, ListOptions.ALL);
                for (JsonNode item : list.path("items")) {
                    observe(type, (ObjectNode) item, false);
                }
                long revision = Long.parseLong(
                        list.path("metadata").path("resourceVersion").asText());
                caches.forType(type).addListener(revision, event -> onEvent(type, event));
            } catch (RuntimeException ex) {
                tracked.remove(prefix);
                log.warn("Garbage collector cannot follow {} yet: {}", type.groupResource(), ex.getMessage());
                worker.schedule(this::track, 2, TimeUnit.SECONDS);
            }
        }
    }

    private void onEvent(ResourceType type, WatchEvent e) {
        if (e.type() == WatchEvent.Type.DELETED) {
            forget(e.object());
        } else if (concernsCollection(e)) {
            observe(type, e.object(), true);
        }
    }

    /**
     * Only objects that have (or had) owners, or are being deleted, matter to collection; the rest
     * are skipped without decoding, so a write the collector does not care about costs it nothing.
     * An owner that is not in the graph is looked up in etcd when one of its dependents needs it.
     */
    private static boolean concernsCollection(WatchEvent e) {
        return e.mentions("ownerReferences")
                || e.mentions("deletionTimestamp")
                || e.previous() != null
                        && (e.previous().path("metadata").has("ownerReferences")
                                || e.previous().path("metadata").has("deletionTimestamp"));
    }

    private void observe(ResourceType type, ObjectNode obj, boolean live) {
        String uid = Meta.uid(obj);
        if (uid == null) {
            return;
        }
        List<Owner> owners = new ArrayList<>();
        for (JsonNode r : obj.path("metadata").path("ownerReferences")) {
            owners.add(new Owner(
                    r.path("apiVersion").asText(),
                    r.path("kind").asText(),
                    r.path("name").asText(),
                    r.path("uid").asText()));
        }
        Set<String> finalizers = new HashSet<>();
        obj.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
        Node previous = byUid.put(
                uid, new Node(type, Meta.namespace(obj), Meta.name(obj), uid, owners, Meta.deleting(obj), finalizers));
        if (previous != null) {
            for (Owner o : previous.owners()) {
                Set<String> deps = dependents.get(o.uid());
                if (deps != null) {
                    deps.remove(uid);
                }
            }
        }
        for (Owner o : owners) {
            dependents
                    .computeIfAbsent(o.uid(), k -> ConcurrentHashMap.newKeySet())
                    .add(uid);
        }
        if (!owners.isEmpty()) {
            enqueue(uid);
        }
        if (Meta.deleting(obj) && (finalizers.contains(ORPHAN) || finalizers.contains(FOREGROUND))) {
            enqueue(uid);
        }
    }

    private void forget(ObjectNode obj) {
        String uid = Meta.uid(obj);
        if (uid == null) {
            return;
        }
        // Objects without owners are not all in the graph (see onEvent); their dependents are.
        Node node = byUid.remove(uid);
        for (Owner o : node == null ? List.<Owner>of() : node.owners()) {
            Set<String> deps = dependents.get(o.uid());
            if (deps != null) {
                deps.remove(uid);
            }
            // an owner waiting in the foreground for its dependents may now be free to go
            if (byUid.containsKey(o.uid())) {
                enqueue(o.uid());
            }
        }
        Set<String> deps = dependents.get(uid);
        if (deps != null) {
            deps.forEach(this::enqueue);
        }
    }

    private void enqueue(String uid) {
        if (queued.add(uid)) {
            worker.execute(() -> {
                queued.remove(uid);
                process(uid, 0);
            });
        }
    }

    private void process(String uid, int attempt) {
        try {
            Node node = byUid.get(uid);
            if (node == null) {
                dependents.remove(uid);
                return;
            }
            if (node.deleting() && node.finalizers().contains(ORPHAN)) {
                orphanDependents(node);
            } else if (node.deleting() && node.finalizers().contains(FOREGROUND)) {
                deleteDependentsFirst(node);
            }
            if (!node.owners().isEmpty()) {
                collectIfOwnerless(node);
            }
        } catch (ApiException | StorageException e) {
            long delay = Math.min(30_000, 200L << Math.min(attempt, 8));
            log.debug("Garbage collection of {} failed ({}); retrying in {} ms", uid, e.getMessage(), delay);
            worker.schedule(() -> process(uid, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void collectIfOwnerless(Node node) {
        List<Owner> absent = new ArrayList<>();
        boolean ownerInForeground = false;
        for (Owner o : node.owners()) {
            Node owner = byUid.get(o.uid());
            if (owner == null && !existsInStore(o, node.namespace())) {
                absent.add(o);
            } else if (owner != null && owner.deleting() && owner.finalizers().contains(FOREGROUND)) {
                ownerInForeground = true;
            }
        }
        if (absent.isEmpty() && !ownerInForeground) {
            return;
        }
        if (absent.size() == node.owners().size() || ownerInForeground) {
            log.info("Deleting {} {}/{}: its owners are gone", node.type().kind(), node.namespace(), node.name());
            deleteQuietly(node, "Background");
            return;
        }
        Set<String> dangling = new HashSet<>();
        absent.forEach(o -> dangling.add(o.uid()));
        objects.update(
                node.type(),
                node.namespace(),
                node.name(),
                null,
                WriteOptions.DEFAULT,
                ObjectStore.Mutation.of(
                        current -> {
                            ArrayNode refs = current.with("metadata").withArray("ownerReferences");
                            for (int i = refs.size() - 1; i >= 0; i--) {
                                if (dangling.contains(refs.get(i).path("uid").asText())) {
                                    refs.remove(i);
                                }
                            }
                            return current;
                        },
                        null));
    }

    /** Verifies in etcd that an owner the graph lacks is really gone (it may be brand new). */
    private boolean existsInStore(Owner o, String namespace) {
        Optional<ResourceType> type = registry.findKind(GroupVersionKind.of(o.apiVersion(), o.kind()));
        if (type.isEmpty()) {
            // An owner of a kind we do not serve cannot be judged; leave the dependent alone.
            return true;
        }
        Optional<ObjectNode> live = objects.find(type.get(), type.get().namespaced() ? namespace : null, o.name());
        return live.isPresent() && o.uid().equals(Meta.uid(live.get()));
    }

    private void orphanDependents(Node owner) {
        for (String depUid : List.copyOf(dependents.getOrDefault(owner.uid(), Set.of()))) {
            Node dep = byUid.get(depUid);
            if (dep == null) {
                continue;
            }
            try {
                objects.update(
                        dep.type(),
                        dep.namespace(),
                        dep.name(),
                        null,
                        WriteOptions.DEFAULT,
                        ObjectStore.Mutation.of(
                                current -> {
                                    ArrayNode refs = current.with("metadata").withArray("ownerReferences");
                                    boolean changed = false;
                                    for (int i = refs.size() - 1; i >= 0; i--) {
                                        if (owner.uid()
                                                .equals(refs.get(i).path("uid").asText())) {
                                            refs.remove(i);
                                            changed = true;
                                        }
                                    }
                                    if (refs.isEmpty()) {
                                        current.with("metadata").remove("ownerReferences");
                                    }
                                    return changed ? current : null;
                                },
                                null));
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        removeFinalizer(owner, ORPHAN);
    }

    private void deleteDependentsFirst(Node owner) {
        Set<String> deps = new LinkedHashSet<>(dependents.getOrDefault(owner.uid(), Set.of()));
        deps.removeIf(d -> !byUid.containsKey(d));
        if (deps.isEmpty()) {
            removeFinalizer(owner, FOREGROUND);
            return;
        }
        for (String depUid : deps) {
            Node dep = byUid.get(depUid);
            if (dep != null && !dep.deleting()) {
                deleteQuietly(dep, "Foreground");
            }
        }
    }

    private void deleteQuietly(Node node, String policy) {
        try {
            objects.delete(
                    node.type(), node.namespace(), node.name(), new DeleteOptions(policy, node.uid(), null, false));
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    private void removeFinalizer(Node node, String finalizer) {
        try {
            objects.update(
                    node.type(),
                    node.namespace(),
                    node.name(),
                    null,
                    WriteOptions.DEFAULT,
                    ObjectStore.Mutation.of(
                            current -> {
                                if (!node.uid().equals(Meta.uid(current))) {
                                    return null;
                                }
                                ArrayNode list = current.with("metadata").withArray("finalizers");
                                boolean changed = false;
                                for (int i = list.size() - 1; i >= 0; i--) {
                                    if (list.get(i).asText().equals(finalizer)) {
                                        list.remove(i);
                                        changed = true;
                                    }
                                }
                                return changed ? current : null;
                            },
                            null));
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
