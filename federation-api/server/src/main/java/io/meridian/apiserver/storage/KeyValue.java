package io.meridian.apiserver.storage;

/**
 * One stored key as etcd reports it. The mod revision is the object's {@code resourceVersion}.
 *
 * @param key the full key, prefix included
 * @param value the stored bytes (JSON)
 * @param modRevision revision of the last write of this key
 * @param createRevision revision at which the key was created
 */
public record KeyValue(String key, byte[] value, long modRevision, long createRevision) {}
