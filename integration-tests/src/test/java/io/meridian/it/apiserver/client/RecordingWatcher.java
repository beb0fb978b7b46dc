package io.meridian.it.apiserver.client;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A watcher that keeps what it receives as {@code "ACTION name@resourceVersion"} lines, in order, with the objects
 * beside them. Bookmarks are left out: the client asks for them and the server sends them when it likes, and they
 * carry no change.
 */
public final class RecordingWatcher<T extends HasMetadata> implements Watcher<T> {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<T> objects = new CopyOnWriteArrayList<>();
    private volatile WatcherException closedWith;

    /** The line for an event of {@code action} on {@code object}. */
    public static String line(Action action, HasMetadata object) {
        return action + " " + object.getMetadata().getName() + "@"
                + object.getMetadata().getResourceVersion();
    }

    @Override
    public void eventReceived(Action action, T resource) {
        if (action == Action.BOOKMARK) {
            return;
        }
        events.add(line(action, resource));
        objects.add(resource);
    }

    @Override
    public void onClose(WatcherException cause) {
        closedWith = cause;
    }

    /** The events so far, in order. */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** The objects of {@link #events()}, index for index. */
    public List<T> objects() {
        return List.copyOf(objects);
    }

    /** Why the watch ended on its own, or null while it runs (or after the test closed it). */
    public WatcherException closedWith() {
        return closedWith;
    }

    /** Waits up to 20 s for {@code event} to arrive. */
    public void awaitEvent(String event) {
        await("watch event " + event + " among " + events)
                .atMost(Duration.ofSeconds(20))
                .until(() -> events.contains(event));
    }
}
