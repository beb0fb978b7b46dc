package io.meridian.apiserver.namespaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.DeleteOptions;
import io.meridian.apiserver.registry.ListOptions;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.registry.WriteOptions;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.storage.StorageException;
import io.meridian.apiserver.watch.WatchCache;
import io.meridian.apiserver.watch.WatchEvent;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties terminating namespaces: deletes everything in them, waits for their finalizers, then
 * removes the namespace's own {@code kubernetes} finalizer so that the namespace goes too.
 */
public final class NamespaceController implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);

    private final ResourceRegistry registry;
    private final ObjectStore objects;
    private final ResourceType namespaces;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("namespace-controller").factory());

    public NamespaceController(ResourceRegistry registry, ObjectStore objects, ResourceType namespaces) {
        this.registry = registry;
        this.objects = objects;
        this.namespaces = namespaces;
    }

    public void start(WatchCache cache) {
        ObjectNode list = objects.list(namespaces, null, ListOptions.ALL);
        for (JsonNode ns : list.path("items")) {
            if (Meta.deleting((ObjectNode) ns)) {
                enqueue(Meta.name((ObjectNode) ns), 0);
            }
        }
        long revision =
                Long.parseLong(list.path("metadata").path("resourceVersion").asText());
        cache.addListener(revision, e -> {
            if (e.type() != WatchEvent.Type.DELETED && Meta.deleting(e.object())) {
                enqueue(Meta.name(e.object()), 0);
            }
        });
    }

    private void enqueue(String name, long delayMillis) {
        if (queued.add(name)) {
            worker.schedule(
                    () -> {
                        queued.remove(name);
                        process(name);
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void process(String name) {
        try {
            Optional<ObjectNode> ns = objects.find(namespaces, null, name);
            if (ns.isEmpty() || !Meta.deleting(ns.get())) {
                return;
            }
            int remaining = 0;
            for (ResourceRegistry.Entry e : registry.entries()) {
                ResourceType type = e.type();
                if (!e.storageVersion() || !type.namespaced()) {
                    continue;
                }
                ObjectNode list = objects.list(type, name, ListOptions.ALL);
                for (JsonNode item : list.path("items")) {
                    remaining++;
                    if (!Meta.deleting((ObjectNode) item)) {
                        try {
                            objects.delete(type, name, Meta.name((ObjectNode) item), DeleteOptions.DEFAULT);
                        } catch (ApiException ex) {
                            if (ex.code() != 404 && ex.code() != 409) {
                                throw ex;
                            }
                        }
                    }
                }
            }
            if (remaining > 0) {
                enqueue(name, 500);
                return;
            }
            objects.update(
                    namespaces,
                    null,
                    name,
                    "finalize",
                    WriteOptions.DEFAULT,
                    ObjectStore.Mutation.of(
                            current -> {
                                ArrayNode finalizers = current.with("spec").withArray("finalizers");
                                for (int i = finalizers.size() - 1; i >= 0; i--) {
                                    if (finalizers.get(i).asText().equals(NamespaceStrategy.FINALIZER)) {
                                        finalizers.remove(i);
                                    }
                                }
                                return current;
                            },
                            null));
            log.info("Namespace {} is empty and finalized", name);
        } catch (ApiException | StorageException e) {
            log.debug("Finalizing namespace {} failed ({}); retrying", name, e.getMessage());
            enqueue(name, 1000);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
