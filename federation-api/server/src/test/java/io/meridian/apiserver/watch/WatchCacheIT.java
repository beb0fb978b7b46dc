package io.meridian.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.selection.LabelSelector;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.storage.EtcdStore;
import io.meridian.apiserver.storage.KeyValue;
import io.meridian.apiserver.storage.StoredObjects;
import io.meridian.sandbox.etcd.EtcdMember;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WatchCacheIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Predicate<ObjectNode> ALL = o -> true;

    @RegisterExtension
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    private final String prefix = "/it/" + UUID.randomUUID() + "/";
    private final Map<String, Long> revisions = new HashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private EtcdStore store;
    private final List<WatchCache> caches = new ArrayList<>();

    @BeforeEach
    void connect() {
        store = new EtcdStore(
                EtcdStore.connect(etcd.endpoints(), Duration.ofSeconds(3)),
                Duration.ofSeconds(4),
                new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> store.currentRevision() > 0);
    }

    @AfterEach
    void close() {
        caches.forEach(WatchCache::close);
        scheduler.shutdownNow();
        store.close();
        etcd.ensureAllRunning();
    }

    @Test
    void aHundredAndFiftyWatchersAllReceiveAnEventDecodedAndSerializedOnce() throws Exception {
        WatchCache cache = startedCache(100);
        List<Watcher> watchers = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            watchers.add(cache.watch(cache.revision(), ALL, 16));
        }

        long revision = put("web", Map.of("app", "web"));

        List<Watcher.Delivery> received = new ArrayList<>();
        for (Watcher w : watchers) {
            Watcher.Delivery d = w.poll(WAIT);
            assertThat(d).as("every watcher gets the event").isNotNull();
            received.add(d);
        }
        assertThat(received).allSatisfy(d -> {
            assertThat(d.type()).isEqualTo(WatchEvent.Type.ADDED);
            assertThat(d.event().revision()).isEqualTo(revision);
            assertThat(Meta.name(d.event().object())).isEqualTo("web");
            assertThat(Meta.resourceVersion(d.event().object())).isEqualTo(Long.toString(revision));
        });
        assertThat(received)
                .extracting(Watcher.Delivery::event)
                .allMatch(e -> e == received.get(0).event());
        assertThat(received)
                .extracting(Watcher.Delivery::frame)
                .allMatch(f -> f == received.get(0).frame());
        assertThat(cache.watcherCount()).isEqualTo(150);
        watchers.forEach(Watcher::close);
        assertThat(cache.watcherCount()).isZero();
    }

    @Test
    void translatesUpdatesThatCrossTheSelectionIntoAddedAndDeletedAsKubeDoes() throws Exception {
        WatchCache cache = startedCache(100);
        LabelSelector web = LabelSelector.parse("app=web");
        Watcher filtered = cache.watch(cache.revision(), o -> web.matches(Meta.labels(o)), 100);
        Watcher everything = cache.watch(cache.revision(), ALL, 100);

        long created = put("a", Map.of("app", "api"));
        long entered = put("a", Map.of("app", "web"));
        long changed = put("a", Map.of("app", "web", "v", "2"));
        long left = put("a", Map.of("app", "api"));
        put("a", Map.of("app", "api", "v", "3"));
        delete("a");
        long createdB = put("b", Map.of("app", "web"));
        long deletedB = delete("b");
        cache.waitFor(deletedB, WAIT);

        List<Watcher.Delivery> seen = drain(filtered);
        assertThat(seen)
                .extracting(d -> d.type() + "@" + d.event().revision())
                .containsExactly(
                        "ADDED@" + entered,
                        "MODIFIED@" + changed,
                        "DELETED@" + left,
                        "ADDED@" + createdB,
                        "DELETED@" + deletedB);
        // kube's cacher: an object that leaves the selection is deleted in its last state that
        // matched, at the revision of the change
        ObjectNode gone = object(seen.get(2));
        assertThat(Meta.labels(gone)).containsEntry("app", "web").containsEntry("v", "2");
        assertThat(Meta.resourceVersion(gone)).isEqualTo(Long.toString(left));
        assertThat(Meta.labels(object(seen.get(1)))).containsEntry("v", "2");
        assertThat(drain(everything))
                .extracting(Watcher.Delivery::type)
                .containsExactly(
                        WatchEvent.Type.ADDED,
                        WatchEvent.Type.MODIFIED,
                        WatchEvent.Type.MODIFIED,
                        WatchEvent.Type.MODIFIED,
                        WatchEvent.Type.MODIFIED,
                        WatchEvent.Type.DELETED,
                        WatchEvent.Type.ADDED,
                        WatchEvent.Type.DELETED);
        assertThat(created).isLessThan(entered);
    }

    @Test
    void aWatchResumesFromARevisionStillInHistory() throws Exception {
        WatchCache cache = startedCache(100);
        long first = put("a", Map.of("n", "1"));
        long second = put("a", Map.of("n", "2"));
        long third = put("b", Map.of("n", "1"));
        cache.waitFor(third, WAIT);

        Watcher resumed = cache.watch(first, ALL, 10);
        Watcher upToDate = cache.watch(third, ALL, 10);
        long fourth = put("a", Map.of("n", "3"));

        assertThat(revisionsOf(resumed, 3)).containsExactly(second, third, fourth);
        assertThat(revisionsOf(upToDate, 1)).containsExactly(fourth);
        assertThat(resumed.poll(Duration.ZERO)).isNull();
    }

    @Test
    void aRevisionOlderThanTheHistoryIsGone() throws Exception {
        long start = store.currentRevision();
        WatchCache cache = startedCache(3, start);
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(put("obj", Map.of("n", Integer.toString(i))));
        }
        cache.waitFor(written.get(4), WAIT);

        // the history holds the last three events; resuming after the second needs only those
        assertThat(revisionsOf(cache.watch(written.get(1), ALL, 10), 3))
                .containsExactlyElementsOf(written.subList(2, 5));
        for (long tooOld : List.of(written.get(0), start, start - 1)) {
            assertThatThrownBy(() -> cache.watch(tooOld, ALL, 10)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.code()).isEqualTo(410);
                assertThat(e.reason()).isEqualTo("Expired");
                assertThat(e.getMessage()).startsWith("too old resource version: " + tooOld);
            });
            assertThatThrownBy(() -> cache.addListener(tooOld, e -> {}))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(410));
        }
    }

    @Test
    void aWatcherThatFallsAFullQueueBehindIsClosedAsTooSlow() throws Exception {
        WatchCache cache = startedCache(100);
        Watcher slow = cache.watch(cache.revision(), ALL, 2);
        Watcher fast = cache.watch(cache.revision(), ALL, 100);
        long last = 0;
        for (int i = 0; i < 6; i++) {
            last = put("obj-" + i, Map.of());
        }
        cache.waitFor(last, WAIT);

        assertThat(slow.isClosed()).isTrue();
        assertThat(slow.closeReason()).isEqualTo(Watcher.CloseReason.TOO_SLOW);
        assertThat(slow.poll(WAIT))
                .as("a closed watcher hands out nothing, at once")
                .isNull();
        assertThat(drain(fast)).hasSize(6);
        assertThat(fast.isClosed()).isFalse();
    }

    @Test
    void aListenerAddedAtARevisionMissesNothingAfterItWhileWritesGoOn() throws Exception {
        WatchCache cache = startedCache(10_000);
        List<Long> written = new CopyOnWriteArrayList<>();
        Future<?> writer = Executors.newVirtualThreadPerTaskExecutor().submit(() -> {
            for (int i = 0; i < 200; i++) {
                written.add(put("obj-" + (i % 7), Map.of("i", Integer.toString(i))));
            }
            return null;
        });
        await().atMost(WAIT).until(() -> written.size() >= 60);
        // as the garbage collector and the namespace index do: list, then follow from the list's revision
        long listedAt = store.list(prefix, null, 0, 0).revision();
        List<Long> heard = new CopyOnWriteArrayList<>();

        cache.addListener(listedAt, e -> heard.add(e.revision()));
        writer.get();
        cache.waitFor(written.get(written.size() - 1), WAIT);

        assertThat(heard)
                .isNotEmpty()
                .containsExactlyElementsOf(
                        written.stream().filter(r -> r > listedAt).sorted().toList());
    }

    @Test
    void losingMembersNeitherDropsNorRepeatsAnEvent() throws Exception {
        WatchCache cache = startedCache(10_000);
        Watcher watcher = cache.watch(cache.revision(), ALL, 10_000);
        List<Long> written = new ArrayList<>();
        for (EtcdMember member : etcd.ring().members()) {
            written.add(put("before-" + member.name(), Map.of()));
            member.kill();
            written.add(await().atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .until(() -> put("during-" + member.name(), Map.of()), r -> r > 0));
            etcd.ensureAllRunning();
            written.add(await().atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .until(() -> put("after-" + member.name(), Map.of()), r -> r > 0));
        }

        assertThat(cache.waitFor(written.get(written.size() - 1), Duration.ofSeconds(20)))
                .isTrue();
        assertThat(drain(watcher)).extracting(d -> d.event().revision()).containsExactlyElementsOf(written);
    }

    // ------------------------------------------------------------------ helpers

    private WatchCache startedCache(int history) {
        return startedCache(history, store.currentRevision());
    }

    private WatchCache startedCache(int history, long from) {
        WatchCache cache = new WatchCache(store, prefix, history, scheduler);
        cache.start(from);
        caches.add(cache);
        return cache;
    }

    /** Creates or replaces {@code name} with these labels; returns the write's revision. */
    private long put(String name, Map<String, String> labels) {
        ObjectNode obj = Json.MAPPER.createObjectNode();
        obj.put("apiVersion", "v1");
        obj.put("kind", "ConfigMap");
        ObjectNode meta = obj.putObject("metadata");
        meta.put("name", name);
        labels.forEach((k, v) -> meta.with("labels").put(k, v));
        Long previous = revisions.get(name);
        KeyValue kv = previous == null
                ? store.create(prefix + name, StoredObjects.encode(obj))
                : store.update(prefix + name, StoredObjects.encode(obj), previous);
        revisions.put(name, kv.modRevision());
        return kv.modRevision();
    }

    private long delete(String name) {
        long revision = store.delete(prefix + name, revisions.remove(name)).modRevision();
        return revision;
    }

    private static List<Watcher.Delivery> drain(Watcher w) throws InterruptedException {
        List<Watcher.Delivery> out = new ArrayList<>();
        for (Watcher.Delivery d = w.poll(Duration.ZERO); d != null; d = w.poll(Duration.ZERO)) {
            out.add(d);
        }
        return out;
    }

    private static List<Long> revisionsOf(Watcher w, int count) throws InterruptedException {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Watcher.Delivery d = w.poll(WAIT);
            assertThat(d).as("event %d of %d", i + 1, count).isNotNull();
            out.add(d.event().revision());
        }
        return out;
    }

    /** The object as the client receives it. */
    private static ObjectNode object(Watcher.Delivery d) {
        return (ObjectNode) Json.readObject(d.frame()).get("object");
    }
}
