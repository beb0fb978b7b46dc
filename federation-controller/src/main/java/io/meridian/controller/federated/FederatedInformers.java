package io.meridian.controller.federated;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One informer per kind of federated object, started when a policy first names the kind (kinds
 * are not known at compile time, so they are watched as generic resources). Every controller reads
 * federated objects from these caches and hears about their changes through listeners, which only
 * enqueue keys.
 *
 * <p>Informers are not stopped when the last policy naming their kind goes: bindings of that kind
 * may still exist and need their templates, and a kind once federated is usually federated again.
 */
public final class FederatedInformers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FederatedInformers.class);

    /** Hears about every added, updated or deleted federated object (old and new states alike). */
    @FunctionalInterface
    public interface Listener {
        void changed(FederatedKind kind, GenericKubernetesResource object);
    }

    private final KubernetesClient client;
    private final Map<FederatedKind, SharedIndexInformer<GenericKubernetesResource>> informers =
            new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public FederatedInformers(KubernetesClient client) {
        this.client = client;
    }

    /** Adds a listener; it hears the events of informers started after this call and of running ones. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Watches {@code kind}, starting its informer and waiting for its first list if it is not
     * watched yet.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException if the federation API does not
     *     serve the kind, or cannot be reached
     */
    public synchronized void ensure(FederatedKind kind) {
        if (closed || informers.containsKey(kind)) {
            return;
        }
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(
                        kind.apiVersion(), kind.kind())
                .inAnyNamespace()
                .runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                publish(kind, obj);
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                publish(kind, newObj);
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                publish(kind, obj);
            }
        });
        try {
            informer.run();
        } catch (RuntimeException e) {
            informer.close();
            throw e;
        }
        informers.put(kind, informer);
        log.info("Watching federated {}", kind);
    }

    private void publish(FederatedKind kind, GenericKubernetesResource object) {
        for (Listener listener : listeners) {
            listener.changed(kind, object);
        }
    }

    /** Whether {@code kind} is watched and its cache filled. */
    public boolean isWatched(FederatedKind kind) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
        return informer != null && informer.hasSynced();
    }

    /** The kinds watched. */
    public Set<FederatedKind> kinds() {
        return Set.copyOf(informers.keySet());
    }

    /** The cached object, if its kind is watched and it exists. */
    public Optional<GenericKubernetesResource> get(FederatedKind kind, String namespace, String name) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
        if (informer == null) {
            return Optional.empty();
        }
        String key = namespace == null || namespace.isEmpty() ? name : Cache.namespaceKeyFunc(namespace, name);
        return Optional.ofNullable(informer.getStore().getByKey(key));
    }

    /** The cached object of {@code key}. */
    public Optional<GenericKubernetesResource> get(ResourceKey key) {
        return get(key.kind(), key.namespace(), key.name());
    }

    /** Every cached object of {@code kind}; empty when it is not watched. */
    public Collection<GenericKubernetesResource> list(FederatedKind kind) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
        return informer == null ? List.of() : informer.getStore().list();
    }

    @Override
    public synchronized void close() {
        closed = true;
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
