package io.meridian.apiserver.watch;

import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.storage.Store;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link WatchCache} per stored resource (all versions of a CRD share one), started when the
 * resource is registered and stopped when it goes. Each cache starts with a window of etcd history
 * behind it, so that clients resuming after an API server restart find their events.
 */
public final class WatchCaches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchCaches.class);

    private final Store store;
    private final ObjectStore objects;
    private final int historyCapacity;
    private final long historyRevisions;
    private final Map<String, WatchCache> byPrefix = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "watch-cache-retry");
        t.setDaemon(true);
        return t;
    });

    public WatchCaches(Store store, ObjectStore objects, int historyCapacity, long historyRevisions) {
        this.store = store;
        this.objects = objects;
        this.historyCapacity = historyCapacity;
        this.historyRevisions = historyRevisions;
    }

    /** Starts caches for newly registered resources and stops those of removed ones. */
    public synchronized void sync(ResourceRegistry registry) {
        Set<String> wanted = new HashSet<>();
        for (ResourceType t : registry.all()) {
            wanted.add(objects.prefix(t, null));
        }
        for (String prefix : wanted) {
            if (!byPrefix.containsKey(prefix)) {
                WatchCache cache = new WatchCache(store, prefix, historyCapacity, scheduler);
                long current = store.currentRevision();
                cache.start(Math.max(0, current - historyRevisions));
                byPrefix.put(prefix, cache);
                log.debug("Watch cache started for {} at revision {}", prefix, current);
            }
        }
        for (String prefix : Set.copyOf(byPrefix.keySet())) {
            if (!wanted.contains(prefix)) {
                byPrefix.remove(prefix).close();
            }
        }
    }

    public WatchCache forType(ResourceType type) {
        WatchCache cache = byPrefix.get(objects.prefix(type, null));
        if (cache == null) {
            throw new IllegalStateException("no watch cache for " + type.groupResource());
        }
        return cache;
    }

    public int watcherCount() {
        return byPrefix.values().stream().mapToInt(WatchCache::watcherCount).sum();
    }

    /**
     * Ends every client watch, each with its last chunk, and refuses new ones with 503: a graceful
     * shutdown waits for requests in flight, and a watch is one until the server ends it.
     */
    public synchronized void shutdown() {
        byPrefix.values().forEach(WatchCache::close);
    }

    @Override
    public synchronized void close() {
        byPrefix.values().forEach(WatchCache::close);
        byPrefix.clear();
        scheduler.shutdownNow();
    }
}
