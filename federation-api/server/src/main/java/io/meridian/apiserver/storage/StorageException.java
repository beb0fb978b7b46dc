package io.meridian.apiserver.storage;

/**
 * Failures of the store, translated from etcd at this boundary so that nothing above the store
 * sees jetcd or gRPC types. The request path turns them into Kubernetes {@code Status} answers.
 */
public abstract sealed class StorageException extends RuntimeException {

    StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Create found the key already present. */
    public static final class KeyExists extends StorageException {
        private final KeyValue existing;

        public KeyExists(String key, KeyValue existing) {
            super("key exists: " + key, null);
            this.existing = existing;
        }

        public KeyValue existing() {
            return existing;
        }
    }

    /** The key is absent. */
    public static final class NotFound extends StorageException {
        public NotFound(String key) {
            super("key not found: " + key, null);
        }
    }

    /** A compare-and-swap lost: the key changed since it was read. */
    public static final class Conflict extends StorageException {
        private final KeyValue current;

        public Conflict(String key, KeyValue current) {
            super("modified concurrently: " + key, null);
            this.current = current;
        }

        /** The key as it is now, or null if it has been deleted. */
        public KeyValue current() {
            return current;
        }
    }

    /** The requested revision has been compacted away. */
    public static final class Compacted extends StorageException {
        private final long compactRevision;

        public Compacted(long requested, long compactRevision, Throwable cause) {
            super(
                    "required revision " + requested + " has been compacted (compacted up to " + compactRevision + ")",
                    cause);
            this.compactRevision = compactRevision;
        }

        public long compactRevision() {
            return compactRevision;
        }
    }

    /**
     * etcd did not answer within the deadline: typically lost quorum. Nothing was acknowledged, but
     * a write's outcome is unknown: a member may hold it in its log and apply it once quorum returns.
     */
    public static final class Timeout extends StorageException {
        public Timeout(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** etcd refused or could not be reached. */
    public static final class Unavailable extends StorageException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
