package io.meridian.apiserver.storage;

import java.util.Optional;

/**
 * The API server's only way to persistence, in the shape of kube-apiserver's etcd3 store: plain
 * keys and bytes, optimistic concurrency on mod revisions, watches from a revision. Every call has
 * a deadline; failures are {@link StorageException}s.
 */
public interface Store extends AutoCloseable {

    Optional<KeyValue> get(String key);

    /**
     * Reads keys under {@code prefix} at one revision.
     *
     * @param prefix key prefix
     * @param startKey first key to read (inclusive), or null for the start of the prefix
     * @param revision revision to read at, or 0 for the latest
     * @param limit at most this many keys, or 0 for all
     */
    ListPage list(String prefix, String startKey, long revision, long limit);

    /** Creates {@code key} if absent; the returned value carries the new revision. */
    KeyValue create(String key, byte[] value);

    /** Replaces {@code key} if its mod revision is still {@code expectedModRevision}. */
    KeyValue update(String key, byte[] value, long expectedModRevision);

    /**
     * Deletes {@code key} if its mod revision is still {@code expectedModRevision}.
     *
     * @return the deleted value, with the deletion's revision as its mod revision
     */
    KeyValue delete(String key, long expectedModRevision);

    /** Watches every key under {@code prefix} for changes after {@code fromRevision} (exclusive). */
    Subscription watch(String prefix, long fromRevision, StoreWatchListener listener);

    /** The latest revision of the store. */
    long currentRevision();

    /** Discards history before {@code revision}. */
    void compact(long revision);

    @Override
    void close();

    /** An open watch. */
    interface Subscription extends AutoCloseable {
        /** Asks the store for a progress notification. */
        void requestProgress();

        @Override
        void close();
    }
}
