package io.meridian.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.DeleteOptions;
import io.meridian.apiserver.registry.ListOptions;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.registry.WriteOptions;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.watch.WatchCaches;
import io.meridian.apiserver.watch.WatchEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves what CustomResourceDefinitions define, on every API server of the ring: it follows the
 * stored CRDs and registers or removes their kinds; when a CRD is being deleted it deletes every
 * custom resource of it and then releases the cleanup finalizer.
 */
public final class CrdController implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CrdController.class);

    private final ResourceRegistry registry;
    private final ObjectStore objects;
    private final CustomResourceTypes types;
    private final Map<String, ObjectNode> known = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("crd-controller").factory());
    private ResourceType crdType;

    public CrdController(ResourceRegistry registry, ObjectStore objects, CustomResourceTypes types) {
        this.registry = registry;
        this.objects = objects;
        this.types = types;
    }

    public void start(WatchCaches caches) {
        crdType = registry.find("apiextensions.k8s.io", "v1", "customresourcedefinitions")
                .orElseThrow();
        ObjectNode list = objects.list(crdType, null, ListOptions.ALL);
        for (JsonNode item : list.path("items")) {
            apply((ObjectNode) item);
        }
        long revision =
                Long.parseLong(list.path("metadata").path("resourceVersion").asText());
        caches.forType(crdType).addListener(revision, e -> worker.execute(() -> onEvent(e)));
    }

    private void onEvent(WatchEvent e) {
        if (e.type() == WatchEvent.Type.DELETED) {
            remove(e.object());
        } else {
            apply(e.object());
        }
    }

    private void apply(ObjectNode crd) {
        String name = Meta.name(crd);
        try {
            List<ResourceType> served = types.register(crd);
            registry.register("crd:" + name, served, CustomResourceTypes.storageVersion(crd));
            known.put(name, crd);
            if (Meta.deleting(crd)) {
                worker.execute(() -> cleanUp(name));
            }
        } catch (RuntimeException e) {
            log.error("Cannot serve CustomResourceDefinition {}", name, e);
        }
    }

    private void remove(ObjectNode crd) {
        String name = Meta.name(crd);
        registry.unregister("crd:" + name);
        types.unregister(crd);
        known.remove(name);
        log.info("Stopped serving {}", name);
    }

    /** Deletes every instance, then lets the definition go. Retries until done. */
    private void cleanUp(String name) {
        ObjectNode crd = known.get(name);
        if (crd == null) {
            return;
        }
        try {
            List<ResourceType> versions = registry.versionsOf(
                    crd.path("spec").path("group").asText(),
                    crd.path("spec").path("names").path("plural").asText());
            if (versions.isEmpty()) {
                return;
            }
            ResourceType type = versions.get(0);
            ObjectNode list = objects.list(type, null, ListOptions.ALL);
            int remaining = 0;
            for (JsonNode item : list.path("items")) {
                remaining++;
                try {
                    objects.delete(
                            type,
                            Meta.namespace((ObjectNode) item),
                            Meta.name((ObjectNode) item),
                            DeleteOptions.DEFAULT);
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
            if (remaining > 0) {
                worker.schedule(() -> cleanUp(name), 500, TimeUnit.MILLISECONDS);
                return;
            }
            objects.update(
                    crdType,
                    null,
                    name,
                    null,
                    WriteOptions.DEFAULT,
                    ObjectStore.Mutation.of(
                            current -> {
                                var finalizers = current.with("metadata").withArray("finalizers");
                                for (int i = finalizers.size() - 1; i >= 0; i--) {
                                    if (finalizers.get(i).asText().equals(CrdStrategy.CLEANUP_FINALIZER)) {
                                        finalizers.remove(i);
                                    }
                                }
                                return current;
                            },
                            null));
        } catch (ApiException e) {
            if (e.code() != 404) {
                log.warn("Cleaning up {} failed, retrying: {}", name, e.getMessage());
                worker.schedule(() -> cleanUp(name), 1, TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            log.warn("Cleaning up {} failed, retrying: {}", name, e.getMessage());
            worker.schedule(() -> cleanUp(name), 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
