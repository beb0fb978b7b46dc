package io.meridian.apiserver.storage;

import java.util.List;

/** Receives a store watch, in revision order, on one thread at a time. */
public interface StoreWatchListener {

    /** Events of one revision batch, in order. */
    void onEvents(List<StoreEvent> events);

    /** Everything up to {@code revision} has been delivered (a progress notification). */
    void onProgress(long revision);

    /** The watch ended; {@link StorageException.Compacted} when its start revision is gone. */
    void onError(StorageException error);
}
