package io.meridian.apiserver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.crd.CrdController;
import io.meridian.apiserver.gc.GarbageCollector;
import io.meridian.apiserver.namespaces.NamespaceController;
import io.meridian.apiserver.namespaces.NamespaceIndex;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.registry.WriteOptions;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.storage.StorageException;
import io.meridian.apiserver.watch.WatchCaches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Brings the server to ready once etcd answers: watch caches for every resource, the namespace
 * index, the namespaces every cluster has. {@code /readyz} says ready only after this.
 */
final class ServerStartup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServerStartup.class);
    private static final Duration ETCD_WAIT = Duration.ofSeconds(60);

    private final ResourceRegistry registry;
    private final ObjectStore objects;
    private final WatchCaches caches;
    private final CrdController crds;
    private final GarbageCollector gc;
    private NamespaceController namespaceController;
    private final List<String> systemNamespaces =
            new ArrayList<>(List.of("default", "kube-system", "kube-public", "kube-node-lease"));
    private volatile boolean running;

    ServerStartup(
            ResourceRegistry registry,
            ObjectStore objects,
            WatchCaches caches,
            CrdController crds,
            GarbageCollector gc) {
        this.registry = registry;
        this.objects = objects;
        this.caches = caches;
        this.crds = crds;
        this.gc = gc;
    }

    void addSystemNamespace(String name) {
        systemNamespaces.add(name);
    }

    @Override
    public void start() {
        long deadline = System.nanoTime() + ETCD_WAIT.toNanos();
        while (true) {
            try {
                initialize();
                break;
            } catch (StorageException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "etcd did not answer within " + ETCD_WAIT.toSeconds() + "s: " + e.getMessage(), e);
                }
                log.warn("Waiting for etcd: {}", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for etcd", ie);
                }
            }
        }
        running = true;
        log.info("API server ready: {} resources served", registry.all().size());
    }

    private void initialize() {
        caches.sync(registry);
        registry.addListener(caches::sync);
        ResourceType namespaces = registry.find("", "v1", "namespaces").orElseThrow();
        NamespaceIndex index = new NamespaceIndex(objects, namespaces);
        index.start(caches.forType(namespaces));
        objects.namespaceCheck(index::admits);
        crds.start(caches);
        gc.start(caches);
        namespaceController = new NamespaceController(registry, objects, namespaces);
        namespaceController.start(caches.forType(namespaces));
        for (String ns : systemNamespaces) {
            ObjectNode obj = Json.MAPPER.createObjectNode();
            obj.putObject("metadata").put("name", ns);
            try {
                objects.create(namespaces, null, obj, WriteOptions.DEFAULT);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        // This phase stops before the web server's graceful shutdown, which would otherwise wait
        // out its whole timeout for the open watches and then cut them mid-stream.
        caches.shutdown();
        if (namespaceController != null) {
            namespaceController.close();
        }
        crds.close();
        gc.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
