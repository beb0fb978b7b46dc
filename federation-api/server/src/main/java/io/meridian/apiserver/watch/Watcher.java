package io.meridian.apiserver.watch;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One client's subscription to a {@link WatchCache}. The cache offers events without blocking;
 * a watcher that falls a full queue behind is closed, and its client resumes from the last
 * resourceVersion it saw, as with kube-apiserver.
 */
public final class Watcher implements AutoCloseable {

    /** Why a watch stream ended on the server's side. */
    public enum CloseReason {
        NONE,
        CLIENT,
        TOO_SLOW,
        /** The cache lost its etcd history; the client must list again (410 Gone). */
        EXPIRED,
        SHUTDOWN
    }

    private static final Object CLOSED = new Object();

    private final WatchCache cache;
    private final Predicate<com.fasterxml.jackson.databind.node.ObjectNode> filter;
    private final BlockingQueue<Object> queue;
    private volatile CloseReason closeReason = CloseReason.NONE;
    private final long startRevision;
    private volatile long lastRevision;

    Watcher(
            WatchCache cache,
            Predicate<com.fasterxml.jackson.databind.node.ObjectNode> filter,
            int capacity,
            long from) {
        this.cache = cache;
        this.filter = filter;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.startRevision = from;
        this.lastRevision = from;
    }

    /**
     * Offers {@code event} translated for this watcher's filter: an update that moves an object
     * into the selection is ADDED, one that moves it out is DELETED, as kube's cacher does.
     * Called by the cache with its lock held; never blocks.
     */
    void offer(WatchEvent event) {
        if (closeReason != CloseReason.NONE || event.revision() <= startRevision) {
            return;
        }
        WatchEvent.Type as = translate(event);
        if (as == null) {
            return;
        }
        if (!queue.offer(new Delivery(event, as))) {
            terminate(CloseReason.TOO_SLOW);
        }
    }

    private WatchEvent.Type translate(WatchEvent event) {
        boolean now = event.object() != null && filter.test(event.object());
        return switch (event.type()) {
            case ADDED -> now ? WatchEvent.Type.ADDED : null;
            case DELETED -> now ? WatchEvent.Type.DELETED : null;
            case MODIFIED -> {
                boolean before = event.previous() != null && filter.test(event.previous());
                if (now && before) {
                    yield WatchEvent.Type.MODIFIED;
                } else if (now) {
                    yield event.previous() == null ? WatchEvent.Type.MODIFIED : WatchEvent.Type.ADDED;
                } else if (before) {
                    yield WatchEvent.Type.DELETED;
                } else {
                    yield null;
                }
            }
            default -> null;
        };
    }

    void terminate(CloseReason reason) {
        if (closeReason == CloseReason.NONE) {
            closeReason = reason;
            queue.clear();
            queue.offer(CLOSED);
        }
    }

    /**
     * The next event for this client, or null if none came within {@code wait}. After the watcher
     * has been closed it returns null at once; see {@link #closeReason()}.
     */
    public Delivery poll(Duration wait) throws InterruptedException {
        if (closeReason != CloseReason.NONE && queue.isEmpty()) {
            return null;
        }
        Object next = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (next == null || next == CLOSED) {
            return null;
        }
        Delivery d = (Delivery) next;
        lastRevision = d.event().revision();
        return d;
    }

    public boolean isClosed() {
        return closeReason != CloseReason.NONE;
    }

    public CloseReason closeReason() {
        return closeReason;
    }

    /**
     * A revision this client may be told it is up to date with (a BOOKMARK): the cache's progress
     * if nothing is waiting in this watcher's queue, else the last event handed out.
     */
    public long bookmarkRevision() {
        return cache.bookmarkRevision(this, queue, lastRevision);
    }

    @Override
    public void close() {
        terminate(CloseReason.CLIENT);
        cache.remove(this);
    }

    /** An event and the type this watcher sees it as. */
    public record Delivery(WatchEvent event, WatchEvent.Type type) {
        /** The object this watcher is sent. */
        public com.fasterxml.jackson.databind.node.ObjectNode object() {
            return leftSelection() ? event.leftSelection() : event.object();
        }

        public byte[] frame() {
            return leftSelection() ? event.leftSelectionFrame() : event.frame(type);
        }

        private boolean leftSelection() {
            return type == WatchEvent.Type.DELETED
                    && event.type() == WatchEvent.Type.MODIFIED
                    && event.previous() != null;
        }
    }
}
