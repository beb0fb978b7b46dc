package io.meridian.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.storage.StorageException;
import io.meridian.apiserver.storage.Store;
import io.meridian.apiserver.storage.StoreEvent;
import io.meridian.apiserver.storage.StoreWatchListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One etcd watch per resource, fanned out to any number of clients from memory, as kube-apiserver's
 * cacher does: a thousand watchers cost etcd one watch. It keeps a bounded history of recent
 * events so that a client (an informer after an API server restart, say) can resume from a recent
 * resourceVersion; older ones get 410 Gone and the client lists again.
 */
public final class WatchCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchCache.class);

    private final Store store;
    private final String prefix;
    private final int historyCapacity;
    private final ScheduledExecutorService scheduler;
    private final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
    private final Set<Watcher> watchers = new LinkedHashSet<>();
    private final List<Consumer<WatchEvent>> listeners = new ArrayList<>();
    private Store.Subscription subscription;
    /**
     * Which subscription is current. Callbacks of an older one are ignored: closing a jetcd watch
     * reports its completion, and jetcd reports errors it then recovers from itself, so a
     * superseded subscription still calls back, and acting on that would start a second one.
     */
    private long generation;
    /** Events after this revision are all in {@link #history} (or still to come). */
    private long completeSince;
    /** Every event up to this revision has been dispatched. */
    private long progressRevision;

    private boolean closed;
    private int failures;

    public WatchCache(Store store, String prefix, int historyCapacity, ScheduledExecutorService scheduler) {
        this.store = store;
        this.prefix = prefix;
        this.historyCapacity = historyCapacity;
        this.scheduler = scheduler;
    }

    /** Starts the etcd watch after {@code fromRevision}; history before it is not available. */
    public synchronized void start(long fromRevision) {
        completeSince = fromRevision;
        progressRevision = fromRevision;
        subscribe(fromRevision);
    }

    private void subscribe(long fromRevision) {
        long current = ++generation;
        subscription = store.watch(prefix, fromRevision, new StoreWatchListener() {
            @Override
            public void onEvents(List<StoreEvent> events) {
                dispatch(current, events);
            }

            @Override
            public void onProgress(long revision) {
                progress(current, revision);
            }

            @Override
            public void onError(StorageException error) {
                failed(current, error);
            }
        });
    }

    private synchronized void dispatch(long from, List<StoreEvent> events) {
        if (from != generation) {
            return;
        }
        failures = 0;
        for (StoreEvent e : events) {
            WatchEvent event = toWatchEvent(e);
            if (event == null) {
                continue;
            }
            history.addLast(event);
            while (history.size() > historyCapacity) {
                completeSince = Math.max(completeSince, history.removeFirst().revision());
            }
            progressRevision = Math.max(progressRevision, event.revision());
            for (Watcher w : watchers) {
                w.offer(event);
            }
            for (Consumer<WatchEvent> l : listeners) {
                l.accept(event);
            }
        }
        notifyAll();
    }

    private synchronized void progress(long from, long revision) {
        if (from != generation) {
            return;
        }
        failures = 0;
        progressRevision = Math.max(progressRevision, revision);
        notifyAll();
    }

    private synchronized void failed(long from, StorageException error) {
        if (closed || from != generation) {
            return;
        }
        generation++;
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (error instanceof StorageException.Compacted compacted) {
            // Events were lost between our last revision and the compaction: every client must
            // list again, and the cache starts over from what etcd still has.
            log.warn("Watch on {} lost its history ({}); watchers must relist", prefix, error.getMessage());
            for (Watcher w : List.copyOf(watchers)) {
                w.terminate(Watcher.CloseReason.EXPIRED);
            }
            watchers.clear();
            history.clear();
            long restart = Math.max(compacted.compactRevision() - 1, progressRevision);
            completeSince = restart;
            progressRevision = restart;
            failures = 0;
            subscribe(restart);
            return;
        }
        long delay = Math.min(5000, 100L << Math.min(failures++, 6));
        log.info(
                "Watch on {} failed ({}); resuming from revision {} in {} ms",
                prefix,
                error.getMessage(),
                progressRevision,
                delay);
        scheduler.schedule(this::resume, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void resume() {
        if (!closed) {
            subscribe(progressRevision);
        }
    }

    /** The event, with its objects left as stored bytes until someone reads them. */
    private static WatchEvent toWatchEvent(StoreEvent e) {
        return switch (e.type()) {
            case CREATED ->
                new WatchEvent(
                        WatchEvent.Type.ADDED,
                        e.kv().key(),
                        e.kv().value(),
                        e.kv().modRevision(),
                        null,
                        0,
                        e.revision());
            case UPDATED ->
                new WatchEvent(
                        WatchEvent.Type.MODIFIED,
                        e.kv().key(),
                        e.kv().value(),
                        e.kv().modRevision(),
                        e.previous() == null ? null : e.previous().value(),
                        e.previous() == null ? 0 : e.previous().modRevision(),
                        e.revision());
            case DELETED -> {
                if (e.previous() == null) {
                    log.warn("Deletion of {} at {} has no previous value; not delivered", e.kv().key(), e.revision());
                    yield null;
                }
                // kube sends the last state of a deleted object, at the deletion's revision
                yield new WatchEvent(
                        WatchEvent.Type.DELETED,
                        e.kv().key(),
                        e.previous().value(),
                        e.revision(),
                        e.previous().value(),
                        e.previous().modRevision(),
                        e.revision());
            }
        };
    }

    /**
     * Subscribes a client to events after {@code fromRevision} that pass {@code filter}.
     *
     * @throws ApiException 410 Gone when that history is no longer held
     */
    public synchronized Watcher watch(long fromRevision, Predicate<ObjectNode> filter, int capacity) {
        if (closed) {
            throw ApiException.unavailable("the server is shutting down", null);
        }
        if (fromRevision < completeSince) {
            throw ApiException.gone("too old resource version: " + fromRevision + " (" + completeSince + ")");
        }
        List<WatchEvent> replay = new ArrayList<>();
        for (WatchEvent e : history) {
            if (e.revision() > fromRevision) {
                replay.add(e);
            }
        }
        Watcher w = new Watcher(this, filter, capacity + replay.size(), fromRevision);
        replay.forEach(w::offer);
        watchers.add(w);
        return w;
    }

    /**
     * Calls {@code listener} for every event after {@code fromRevision}, in order, under the cache's
     * lock (it must be quick), starting with those already in history so that nothing between a
     * list at {@code fromRevision} and now is missed.
     *
     * @throws ApiException 410 Gone when that history is no longer held
     */
    public synchronized void addListener(long fromRevision, Consumer<WatchEvent> listener) {
        if (fromRevision < completeSince) {
            throw ApiException.gone("too old resource version: " + fromRevision + " (" + completeSince + ")");
        }
        for (WatchEvent e : history) {
            if (e.revision() > fromRevision) {
                listener.accept(e);
            }
        }
        listeners.add(event -> {
            if (event.revision() > fromRevision) {
                listener.accept(event);
            }
        });
    }

    synchronized void remove(Watcher w) {
        watchers.remove(w);
    }

    synchronized long bookmarkRevision(Watcher w, Collection<?> queue, long last) {
        return queue.isEmpty() ? Math.max(progressRevision, last) : last;
    }

    /** The highest revision every event up to which has been dispatched. */
    public synchronized long revision() {
        return progressRevision;
    }

    /** Waits until every event up to {@code revision} has been dispatched, at most {@code timeout}. */
    public synchronized boolean waitFor(long revision, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean asked = false;
        while (progressRevision < revision) {
            if (!asked && subscription != null) {
                subscription.requestProgress();
                asked = true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public synchronized int watcherCount() {
        return watchers.size();
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
        for (Watcher w : List.copyOf(watchers)) {
            w.terminate(Watcher.CloseReason.SHUTDOWN);
        }
        watchers.clear();
        notifyAll();
    }
}
