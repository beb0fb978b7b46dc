package io.meridian.it.apiserver.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An informer handler that records every call it gets, in order, for tests to search: which object, of which
 * resourceVersion, through which callback.
 */
public final class RecordingHandler<T extends HasMetadata> implements ResourceEventHandler<T> {

    /** The callback an event came through. */
    public enum Type {
        ADD,
        UPDATE,
        DELETE,
        /** onDelete with deletedFinalStateUnknown: the informer noticed the deletion by listing again. */
        DELETE_ON_RELIST
    }

    /** One handler call; {@code object} is the new state (the last known state for deletes). */
    public record Event<T extends HasMetadata>(
            Type type, String namespace, String name, String resourceVersion, T object) {
        @Override
        public String toString() {
            return type + " " + namespace + "/" + name + "@" + resourceVersion;
        }
    }

    private final List<Event<T>> events = new CopyOnWriteArrayList<>();

    @Override
    public void onAdd(T obj) {
        record(Type.ADD, obj);
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
        record(Type.UPDATE, newObj);
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        record(deletedFinalStateUnknown ? Type.DELETE_ON_RELIST : Type.DELETE, obj);
    }

    private void record(Type type, T obj) {
        events.add(new Event<>(
                type,
                obj.getMetadata().getNamespace(),
                obj.getMetadata().getName(),
                obj.getMetadata().getResourceVersion(),
                obj));
    }

    /** Every call so far, in order. */
    public List<Event<T>> events() {
        return List.copyOf(events);
    }

    /** The calls about the object {@code name}, in order. */
    public List<Event<T>> eventsFor(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    /** Whether a call of {@code type} about {@code name} carried exactly {@code resourceVersion}. */
    public boolean saw(Type type, String name, String resourceVersion) {
        return events.stream()
                .anyMatch(e -> e.type() == type
                        && e.name().equals(name)
                        && e.resourceVersion().equals(resourceVersion));
    }

    /** Whether the deletion of {@code name} was reported, by a watch event or by a relist. */
    public boolean sawDeletion(String name) {
        return events.stream()
                .anyMatch(e -> e.name().equals(name) && (e.type() == Type.DELETE || e.type() == Type.DELETE_ON_RELIST));
    }
}
