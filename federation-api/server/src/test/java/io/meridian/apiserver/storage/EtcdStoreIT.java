package io.meridian.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.meridian.sandbox.etcd.EtcdMember;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EtcdStoreIT {

    private static final Duration DEADLINE = Duration.ofMillis(1500);

    @RegisterExtension
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String prefix = "/it/" + UUID.randomUUID() + "/";
    private EtcdStore store;

    @BeforeEach
    void connect() {
        store = new EtcdStore(EtcdStore.connect(etcd.endpoints(), Duration.ofSeconds(2)), DEADLINE, meters);
        // members restarted by an earlier test may still be electing a leader
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> store.currentRevision() > 0);
        meters.clear();
    }

    @AfterEach
    void close() {
        store.close();
        etcd.ensureAllRunning();
    }

    @Test
    void createsOnlyWhatIsAbsent() {
        KeyValue created = store.create(prefix + "a", bytes("one"));

        assertThat(created.modRevision()).isEqualTo(created.createRevision()).isPositive();
        assertThat(text(store.get(prefix + "a").orElseThrow())).isEqualTo("one");
        assertThatThrownBy(() -> store.create(prefix + "a", bytes("two")))
                .isInstanceOfSatisfying(StorageException.KeyExists.class, e -> {
                    assertThat(text(e.existing())).isEqualTo("one");
                    assertThat(e.existing().modRevision()).isEqualTo(created.modRevision());
                });
        assertThat(text(store.get(prefix + "a").orElseThrow())).isEqualTo("one");
        assertThat(store.get(prefix + "absent")).isEmpty();
    }

    @Test
    void updatesAndDeletesOnlyTheRevisionTheyRead() {
        KeyValue v1 = store.create(prefix + "k", bytes("v1"));
        KeyValue v2 = store.update(prefix + "k", bytes("v2"), v1.modRevision());

        assertThat(v2.modRevision()).isGreaterThan(v1.modRevision());
        assertThat(v2.createRevision()).isEqualTo(v1.createRevision());
        assertThat(text(v2)).isEqualTo("v2");

        assertThatThrownBy(() -> store.update(prefix + "k", bytes("lost"), v1.modRevision()))
                .isInstanceOfSatisfying(StorageException.Conflict.class, e -> {
                    assertThat(text(e.current())).isEqualTo("v2");
                    assertThat(e.current().modRevision()).isEqualTo(v2.modRevision());
                });
        assertThatThrownBy(() -> store.delete(prefix + "k", v1.modRevision()))
                .isInstanceOfSatisfying(
                        StorageException.Conflict.class,
                        e -> assertThat(e.current().modRevision()).isEqualTo(v2.modRevision()));
        assertThat(text(store.get(prefix + "k").orElseThrow())).isEqualTo("v2");

        KeyValue deleted = store.delete(prefix + "k", v2.modRevision());

        assertThat(text(deleted)).isEqualTo("v2");
        assertThat(deleted.modRevision()).isGreaterThan(v2.modRevision());
        assertThat(deleted.createRevision()).isEqualTo(v1.createRevision());
        assertThat(store.get(prefix + "k")).isEmpty();
        assertThat(store.currentRevision()).isGreaterThanOrEqualTo(deleted.modRevision());
    }

    @Test
    void writesToAMissingKeyAreNotFound() {
        assertThatThrownBy(() -> store.update(prefix + "nothing", bytes("x"), 1))
                .isInstanceOf(StorageException.NotFound.class);
        assertThatThrownBy(() -> store.delete(prefix + "nothing", 1)).isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void readsEveryPageOfAListAtTheRevisionOfTheFirst() {
        for (String k : List.of("a", "b", "c", "d", "e")) {
            store.create(prefix + k, bytes(k + "1"));
        }
        store.create("/it/other-" + UUID.randomUUID(), bytes("outside the prefix"));

        ListPage first = store.list(prefix, null, 0, 2);
        // the world moves on between pages
        KeyValue c = store.get(prefix + "c").orElseThrow();
        store.update(prefix + "c", bytes("c2"), c.modRevision());
        store.create(prefix + "bb", bytes("bb1"));
        store.delete(prefix + "d", store.get(prefix + "d").orElseThrow().modRevision());
        ListPage second = store.list(prefix, prefix + "b\0", first.revision(), 2);
        ListPage third = store.list(prefix, prefix + "d\0", first.revision(), 2);

        assertThat(first.items()).extracting(EtcdStoreIT::text).containsExactly("a1", "b1");
        assertThat(first.more()).isTrue();
        assertThat(first.remaining()).isEqualTo(3);
        assertThat(second.revision()).isEqualTo(first.revision());
        assertThat(second.items()).extracting(EtcdStoreIT::text).containsExactly("c1", "d1");
        assertThat(second.more()).isTrue();
        assertThat(second.remaining()).isEqualTo(1);
        assertThat(third.items()).extracting(EtcdStoreIT::text).containsExactly("e1");
        assertThat(third.more()).isFalse();
        assertThat(store.list(prefix, null, 0, 0).items())
                .extracting(EtcdStoreIT::text)
                .containsExactly("a1", "b1", "bb1", "c2", "e1");
    }

    @Test
    void compactedHistoryIsReportedAsCompacted() {
        KeyValue v1 = store.create(prefix + "k", bytes("v1"));
        KeyValue v2 = store.update(prefix + "k", bytes("v2"), v1.modRevision());
        store.update(prefix + "k", bytes("v3"), v2.modRevision());
        long compactedAt = store.currentRevision();

        store.compact(compactedAt);

        assertThatThrownBy(() -> store.list(prefix, null, v1.modRevision(), 0))
                .isInstanceOf(StorageException.Compacted.class);
        CompletableFuture<StorageException> watchError = new CompletableFuture<>();
        try (Store.Subscription ignored = store.watch(prefix, v1.modRevision(), new Recorder() {
            @Override
            public void onError(StorageException error) {
                watchError.complete(error);
            }
        })) {
            StorageException error = watchError
                    .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                    .join();
            assertThat(error)
                    .isInstanceOfSatisfying(
                            StorageException.Compacted.class,
                            c -> assertThat(c.compactRevision()).isEqualTo(compactedAt));
        }
        assertThat(text(store.list(prefix, null, compactedAt, 0).items().get(0)))
                .isEqualTo("v3");
    }

    @Test
    void aWatchFromARevisionReplaysHistoryWithPreviousValuesThenFollows() {
        long before = store.currentRevision();
        KeyValue created = store.create(prefix + "k", bytes("v1"));
        KeyValue updated = store.update(prefix + "k", bytes("v2"), created.modRevision());
        KeyValue deleted = store.delete(prefix + "k", updated.modRevision());
        store.create("/it/elsewhere-" + UUID.randomUUID(), bytes("not watched"));
        Recorder recorder = new Recorder();

        try (Store.Subscription subscription = store.watch(prefix, before, recorder)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.events.size() == 3);
            KeyValue live = store.create(prefix + "later", bytes("v9"));
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.events.size() == 4);

            List<StoreEvent> events = recorder.events;
            assertThat(events)
                    .extracting(StoreEvent::type)
                    .containsExactly(
                            StoreEvent.Type.CREATED,
                            StoreEvent.Type.UPDATED,
                            StoreEvent.Type.DELETED,
                            StoreEvent.Type.CREATED);
            assertThat(events)
                    .extracting(StoreEvent::revision)
                    .containsExactly(
                            created.modRevision(), updated.modRevision(), deleted.modRevision(), live.modRevision());
            assertThat(events.get(0).previous()).isNull();
            assertThat(text(events.get(0).kv())).isEqualTo("v1");
            assertThat(text(events.get(1).previous())).isEqualTo("v1");
            assertThat(text(events.get(1).kv())).isEqualTo("v2");
            assertThat(text(events.get(2).previous())).isEqualTo("v2");
            assertThat(events.get(2).kv().key()).isEqualTo(prefix + "k");
            assertThat(text(events.get(3).kv())).isEqualTo("v9");

            subscription.requestProgress();
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.progress.get() >= live.modRevision());
        }
        assertThat(recorder.errors).isEmpty();
    }

    @Test
    void aSubscriptionItsOwnerClosedReportsNothingMore() {
        Recorder closed = new Recorder();
        Recorder open = new Recorder();
        long from = store.currentRevision();
        Store.Subscription subscription = store.watch(prefix, from, closed);
        try (Store.Subscription other = store.watch(prefix, from, open)) {
            subscription.close();
            store.create(prefix + "after-close", bytes("x"));

            await().atMost(Duration.ofSeconds(10)).until(() -> open.events.size() == 1);
        }
        assertThat(closed.events).isEmpty();
        assertThat(closed.errors).as("closing is no failure of etcd").isEmpty();
    }

    @Test
    void losingAnyOneMemberIsInvisibleWithinTheDefaultDeadline() {
        // the default deadline leaves room for electing a new leader when the leader is the one lost
        try (EtcdStore patient = new EtcdStore(
                EtcdStore.connect(etcd.endpoints(), Duration.ofSeconds(3)), Duration.ofSeconds(4), meters)) {
            for (EtcdMember member : etcd.ring().members()) {
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> patient.currentRevision() > 0);
                KeyValue before = patient.create(prefix + member.name(), bytes("before"));

                member.kill();

                assertThat(patient.get(prefix + member.name())).isPresent();
                patient.update(prefix + member.name(), bytes("after"), before.modRevision());
                assertThat(patient.list(prefix, null, 0, 0).items())
                        .as("with %s down", member.name())
                        .extracting(EtcdStoreIT::text)
                        .contains("after");
                etcd.ensureAllRunning();
            }
        }
    }

    @Test
    void withoutQuorumEveryCallTimesOutWithinItsDeadline() {
        List<EtcdMember> members = etcd.ring().members();
        store.create(prefix + "k", bytes("before"));
        members.get(1).kill();
        members.get(2).kill();

        long start = System.nanoTime();
        assertThatThrownBy(() -> store.get(prefix + "k"))
                .isInstanceOf(StorageException.Timeout.class)
                .hasMessageContaining("within " + DEADLINE.toMillis() + "ms");
        Duration readTook = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        assertThatThrownBy(() -> store.create(prefix + "during", bytes("x")))
                .isInstanceOf(StorageException.Timeout.class);
        Duration writeTook = Duration.ofNanos(System.nanoTime() - start);

        assertThat(readTook).isBetween(DEADLINE.minusMillis(50), DEADLINE.plusMillis(1000));
        assertThat(writeTook).isBetween(DEADLINE.minusMillis(50), DEADLINE.plusMillis(1000));
        assertThat(meters.find("meridian.etcd.request")
                        .tag("outcome", "timeout")
                        .timers())
                .extracting(t -> t.getId().getTag("operation") + "=" + t.count())
                .containsExactlyInAnyOrder("get=1", "create=1");

        etcd.ensureAllRunning();

        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .untilAsserted(() ->
                        assertThat(text(store.get(prefix + "k").orElseThrow())).isEqualTo("before"));
        // The write that timed out may yet be applied: the surviving member had it in its log.
        // A timeout says "unknown", never "not done".
    }

    /** Collects what a watch delivers. */
    private static class Recorder implements StoreWatchListener {
        final List<StoreEvent> events = new CopyOnWriteArrayList<>();
        final List<StorageException> errors = new CopyOnWriteArrayList<>();
        final AtomicLong progress = new AtomicLong();

        @Override
        public void onEvents(List<StoreEvent> batch) {
            events.addAll(batch);
        }

        @Override
        public void onProgress(long revision) {
            progress.accumulateAndGet(revision, Math::max);
        }

        @Override
        public void onError(StorageException error) {
            errors.add(error);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(KeyValue kv) {
        return new String(kv.value(), StandardCharsets.UTF_8);
    }
}
