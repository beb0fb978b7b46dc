package io.meridian.apiserver.watch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.Json;
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
    private final ObjectNode object;
    private final ObjectNode previous;
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
        this.revision = revision;
    }

    public Type type() {
        return type;
    }

    public String key() {
        return key;
    }

    public ObjectNode object() {
        return object;
    }

    /** The object before this change, or null (creation, or history no longer available). */
    public ObjectNode previous() {
        return previous;
    }

    public long revision() {
        return revision;
    }

    /** The JSON line {@code {"type":...,"object":...}} followed by a newline, as watch streams carry. */
    public byte[] frame(Type as) {
        return switch (as) {
            case ADDED -> added != null ? added : (added = render(as, object));
            case MODIFIED -> modified != null ? modified : (modified = render(as, object));
            case DELETED -> deleted != null ? deleted : (deleted = render(as, object));
            default -> render(as, object);
        };
    }

    /**
     * What a watcher whose selection this update left is sent as DELETED: the object as it last
     * matched, at this event's resourceVersion, as kube's cacher sends it.
     */
    public ObjectNode leftSelection() {
        ObjectNode o = leftSelection;
        if (o == null) {
            o = previous.deepCopy();
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
