package io.meridian.apiserver.storage;

/**
 * A change seen by a watch on the store.
 *
 * @param type what happened
 * @param kv the key after the change; for a deletion, the key with its deletion revision and no value
 * @param previous the key before the change, when the store still has it
 */
public record StoreEvent(Type type, KeyValue kv, KeyValue previous) {

    public enum Type {
        CREATED,
        UPDATED,
        DELETED
    }

    public long revision() {
        return kv.modRevision();
    }
}
