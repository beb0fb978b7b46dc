package io.meridian.apiserver.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.Json;

/**
 * How objects sit in etcd: JSON without {@code metadata.resourceVersion}, which is the key's mod
 * revision and is put back on every read, as kube-apiserver does.
 */
public final class StoredObjects {

    private StoredObjects() {}

    public static ObjectNode decode(KeyValue kv) {
        ObjectNode obj = Json.readObject(kv.value());
        JsonNode meta = obj.get("metadata");
        if (meta instanceof ObjectNode m) {
            m.put("resourceVersion", Long.toString(kv.modRevision()));
        } else {
            obj.putObject("metadata").put("resourceVersion", Long.toString(kv.modRevision()));
        }
        return obj;
    }

    /** The object decoded with an explicit revision (a deletion's revision, for DELETED events). */
    public static ObjectNode decode(byte[] value, long revision) {
        ObjectNode obj = Json.readObject(value);
        ((ObjectNode) obj.with("metadata")).put("resourceVersion", Long.toString(revision));
        return obj;
    }

    public static byte[] encode(ObjectNode obj) {
        JsonNode meta = obj.get("metadata");
        if (meta instanceof ObjectNode m && m.has("resourceVersion")) {
            ObjectNode copy = obj.deepCopy();
            ((ObjectNode) copy.get("metadata")).remove("resourceVersion");
            return Json.bytes(copy);
        }
        return Json.bytes(obj);
    }
}
