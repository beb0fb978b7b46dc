package io.meridian.apiserver.watch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.storage.StoredObjects;
import java.nio.charset.StandardCharsets;

/**
 * One change of one object, as the cache fans it out. Objects are shared by every watcher and
 * must never be mutated; the serialized frame for each event type is computed once, so a thousand
 * watchers cost one serialization.
 */
public final class WatchEvent {

    public enum Type {
        ADDED,
        MODIFIED,
        DELETED,
        BOOKMARK,
        ERROR
    }

    private final Type type;
    private volatile ObjectNode object;
    private volatile ObjectNode previous;
    private final byte[] rawObject;
    private final long objectRevision;
    private final byte[] rawPrevious;
    private final long previousRevision;
    private final long revision;
    private final String key;
    private volatile byte[] added;
    private volatile byte[] modified;
    private volatile byte[] deleted;
    private volatile ObjectNode leftSelection;
    private volatile byte[] leftSelectionFrame;

    public WatchEvent(Type type, String key, ObjectNode object, ObjectNode previous, long revision) {
        this.type = type;
        this.key = key;
        this.object = object;
        this.previous = previous;
        this.rawObject = null;
        this.objectRevision = 0;
        this.rawPrevious = null;
        this.previousRevision = 0;
        this.revision = revision;
    }

    /**
     * An event whose objects are decoded from their stored bytes only when someone asks: a write
     * nobody watches, and that no listener needs to read, costs no JSON parsing.
     *
     * @param rawObject the stored value the event carries, shown at {@code objectRevision}
     * @param rawPrevious the value before the change, or null, shown at {@code previousRevision}
     */
    public WatchEvent(
            Type type,
            String key,
            byte[] rawObject,
            long objectRevision,
            byte[] rawPrevious,
            long previousRevision,
            long revision) {
        this.type = type;
        this.key = key;
        this.rawObject = rawObject;
        this.objectRevision = objectRevision;
        this.rawPrevious = rawPrevious;
        this.previousRevision = previousRevision;
        this.revision = revision;
    }

    /**
     * Whether the object's stored JSON contains {@code token} (a field name, say), checked on the
     * raw bytes without decoding; listeners use it to skip objects they have no interest in.
     */
    public boolean mentions(String token) {
        return rawObject == null ? object != null && object.toString().contains(token) : contains(rawObject, token);
    }

    /** {@link #mentions} for the object as it was before this change (false when there is none). */
    public boolean previousMentions(String token) {
        return rawPrevious == null
                ? previous != null && previous.toString().contains(token)
                : contains(rawPrevious, token);
    }

    private static boolean contains(byte[] haystack, String token) {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= haystack.length - t.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (haystack[i + j] != t[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    public Type type() {
        return type;
    }

    public String key() {
        return key;
    }

    public ObjectNode object() {
        ObjectNode o = object;
        if (o == null && rawObject != null) {
            o = StoredObjects.decode(rawObject, objectRevision);
            object = o;
        }
        return o;
    }

    /** The object before this change, or null (creation, or history no longer available). */
    public ObjectNode previous() {
        ObjectNode p = previous;
        if (p == null && rawPrevious != null) {
            p = StoredObjects.decode(rawPrevious, previousRevision);
            previous = p;
        }
        return p;
    }

    public long revision() {
        return revision;
    }

    /** The JSON line {@code {"type":...,"object":...}} followed by a newline, as watch streams carry. */
    public byte[] frame(Type as) {
        return switch (as) {
            case ADDED -> added != null ? added : (added = render(as, object()));
            case MODIFIED -> modified != null ? modified : (modified = render(as, object()));
            case DELETED -> deleted != null ? deleted : (deleted = render(as, object()));
            default -> render(as, object());
        };
    }

    /**
     * What a watcher whose selection this update left is sent as DELETED: the object as it last
     * matched, at this event's resourceVersion, as kube's cacher sends it.
     */
    public ObjectNode leftSelection() {
        ObjectNode o = leftSelection;
        if (o == null) {
            o = previous().deepCopy();
            ((ObjectNode) o.with("metadata")).put("resourceVersion", Long.toString(revision));
            leftSelection = o;
        }
        return o;
    }

    /** The DELETED line of {@link #leftSelection()}. */
    public byte[] leftSelectionFrame() {
        byte[] f = leftSelectionFrame;
        return f != null ? f : (leftSelectionFrame = render(Type.DELETED, leftSelection()));
    }

    public static byte[] render(Type type, ObjectNode object) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", type.name());
        event.set("object", object);
        byte[] json = Json.bytes(event);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    public static byte[] renderLine(String json) {
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
