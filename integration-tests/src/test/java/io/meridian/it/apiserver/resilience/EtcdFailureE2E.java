package io.meridian.it.apiserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.meridian.it.apiserver.client.Fixtures;
import io.meridian.it.apiserver.client.KubeClients;
import io.meridian.it.apiserver.client.RecordingWatcher;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdMember;
import io.meridian.sandbox.etcd.EtcdRing;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server on a three-member ring that loses members. With one down (a follower, or the leader) it goes on
 * reading and writing; with two down it answers every request with a Kubernetes {@code Status} (503 or 504) within
 * seconds instead of hanging; once the members are back, every write it acknowledged is there and writes succeed
 * again. Writes go out without client retries, so that each answer is counted as the server gave it.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class EtcdFailureE2E {

    private static final Logger log = LoggerFactory.getLogger(EtcdFailureE2E.class);
    private static final String NS = "durability";
    private static final Duration FAIL_FAST = Duration.ofSeconds(10);

    @RegisterExtension
    @Order(1)
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static final ApiServerExtension api = ApiServerExtension.on(etcd);

    private static KubernetesClient client;
    private static TimedHttp http;

    /** Every write the server acknowledged with 2xx, in any test: namespace/name to resourceVersion. */
    private static final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    private static final AtomicInteger attempts = new AtomicInteger();

    @BeforeAll
    static void connect() {
        client = KubeClients.connect(api.url());
        http = new TimedHttp(api.url());
        KubeClients.createNamespace(client, NS);
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @AfterEach
    void everyAcknowledgedWriteSurvives() {
        etcd.ensureAllRunning();
        awaitWritable("after the ring is whole again");
        Map<String, String> stored = client.configMaps().inAnyNamespace().list().getItems().stream()
                .collect(Collectors.toMap(
                        c -> c.getMetadata().getNamespace() + "/"
                                + c.getMetadata().getName(),
                        c -> c.getMetadata().getResourceVersion(),
                        (x, y) -> x,
                        TreeMap::new));
        assertThat(stored)
                .as("acknowledged writes, namespace/name to resourceVersion")
                .containsAllEntriesOf(acknowledged);
    }

    /** One create; the ConfigMap if the server acknowledged it, else empty (the failure is logged). */
    private static Optional<ConfigMap> tryWrite(String name) {
        return tryWrite(NS, name);
    }

    private static Optional<ConfigMap> tryWrite(String namespace, String name) {
        attempts.incrementAndGet();
        try {
            ConfigMap created = client.configMaps()
                    .inNamespace(namespace)
                    .resource(Fixtures.configMap(namespace, name, Map.of("written", name)))
                    .create();
            acknowledged.put(namespace + "/" + name, created.getMetadata().getResourceVersion());
            return Optional.of(created);
        } catch (KubernetesClientException e) {
            log.info("write {} refused: HTTP {} {}", name, e.getCode(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Creates {@code base}, or {@code base-2}, {@code base-3}... until one is acknowledged. */
    private static ConfigMap writeAcknowledged(String namespace, String base) {
        AtomicInteger attempt = new AtomicInteger();
        return await("a write of " + base + " acknowledged")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> tryWrite(namespace, attempt.incrementAndGet() == 1 ? base : base + "-" + attempt.get()),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static ConfigMap write(String name) {
        return tryWrite(name).orElseThrow(() -> new AssertionError("write " + name + " was not acknowledged"));
    }

    /** Waits until a write succeeds (each attempt a new name), and returns how long that took. */
    private static Duration awaitWritable(String when) {
        long start = System.nanoTime();
        await("a write succeeds " + when)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> tryWrite("probe-" + attempts.get()).isPresent());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void assertReadable(List<String> names) {
        for (String name : names) {
            ConfigMap read = client.configMaps().inNamespace(NS).withName(name).get();
            assertThat(read).as(name).isNotNull();
            assertThat(read.getData()).containsEntry("written", name);
            assertThat(read.getMetadata().getResourceVersion()).isEqualTo(acknowledged.get(NS + "/" + name));
        }
        assertThat(client.configMaps().inNamespace(NS).list().getItems())
                .extracting(c -> c.getMetadata().getName())
                .containsAll(names);
    }

    private static List<String> writeAll(String prefix, int count) {
        List<String> names = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> prefix + "-" + i)
                .toList();
        names.forEach(EtcdFailureE2E::write);
        return names;
    }

    @Test
    void readsAndWritesGoOnWithAFollowerDown(EtcdRing ring) {
        EtcdMember follower =
                ring.members().stream().filter(m -> !m.isLeader()).findFirst().orElseThrow();
        follower.kill();

        List<String> names = writeAll("follower-down", 10);

        assertReadable(names);
        assertThat(follower.isRunning()).isFalse();
    }

    @Test
    void readsAndWritesGoOnOnceTheRingHasElectedANewLeader(EtcdRing ring) {
        EtcdMember leader = ring.leader().orElseThrow();
        leader.kill();

        // Writes in flight while the survivors elect a leader may time out; none may be lost once acknowledged.
        Duration untilWritable = awaitWritable("after the leader was killed");
        log.info("first acknowledged write {} ms after the leader was killed", untilWritable.toMillis());
        List<String> names = writeAll("leader-down", 10);

        assertReadable(names);
        assertThat(leader.isRunning()).isFalse();
        assertThat(ring.leader()).hasValueSatisfying(l -> assertThat(l).isNotSameAs(leader));
    }

    @Test
    void withoutQuorumEveryRequestFailsFastWithAStatusAndWritesResumeAfter(EtcdRing ring) {
        write("before-quorum-loss");
        RecordingWatcher<ConfigMap> watcher = new RecordingWatcher<>();
        try (Watch watch = client.configMaps().inNamespace(NS).watch(watcher)) {
            ConfigMap sentinel = write("watch-sentinel");
            watcher.awaitEvent(RecordingWatcher.line(Watcher.Action.ADDED, sentinel));

            EtcdMember leader = ring.leader().orElseThrow();
            EtcdMember follower =
                    ring.members().stream().filter(m -> m != leader).findFirst().orElseThrow();
            leader.kill();
            follower.kill();

            TimedHttp.Answer create = http.post(
                    "/api/v1/namespaces/" + NS + "/configmaps",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"without-quorum\"},"
                            + "\"data\":{\"written\":\"without-quorum\"}}");
            TimedHttp.Answer get = http.get("/api/v1/namespaces/" + NS + "/configmaps/before-quorum-loss");
            TimedHttp.Answer list = http.get("/api/v1/namespaces/" + NS + "/configmaps");
            TimedHttp.Answer live = http.get("/livez");
            log.info("without quorum: create {}; get {}; list {}; livez {}", create, get, list, live);

            assertFailedFastWithStatus("create", create);
            assertFailedFastWithStatus("get", get);
            assertFailedFastWithStatus("list", list);
            assertThat(live.status())
                    .as("the server process itself stays responsive")
                    .isEqualTo(200);
            assertThat(live.took()).isLessThan(Duration.ofSeconds(2));

            etcd.ensureAllRunning();
            Duration recovery = awaitWritable("after quorum returned");
            log.info("writes resumed {} ms after the ring was whole again", recovery.toMillis());
            List<String> after = writeAll("after-quorum-loss", 5);
            assertReadable(after);
            assertReadable(List.of("before-quorum-loss"));

            // The watch opened before the loss carries on with what was written after it.
            ConfigMap last = client.configMaps()
                    .inNamespace(NS)
                    .withName(after.getLast())
                    .get();
            watcher.awaitEvent(RecordingWatcher.line(Watcher.Action.ADDED, last));
            assertThat(watcher.events()).doesNotHaveDuplicates();
        }
    }

    @Test
    void aWatchDeliversEveryChangeExactlyOnceWhileMembersFailInTurn(EtcdRing ring) {
        String ns = "watched";
        KubeClients.createNamespace(client, ns);
        RecordingWatcher<ConfigMap> recorder = new RecordingWatcher<>();
        try (Watch watch = client.configMaps().inNamespace(ns).watch(recorder)) {
            ConfigMap sentinel = writeAcknowledged(ns, "sentinel");
            recorder.awaitEvent(RecordingWatcher.line(Watcher.Action.ADDED, sentinel));

            // The server's one etcd watch per resource runs on one member; killing each in turn breaks it at least
            // once, and the server must resume it without losing or repeating an event.
            List<ConfigMap> written = new ArrayList<>();
            for (EtcdMember member : ring.members()) {
                member.kill();
                written.add(writeAcknowledged(ns, "while-" + member.name() + "-down"));
                member.restart();
                written.add(writeAcknowledged(ns, "after-" + member.name() + "-back"));
            }
            recorder.awaitEvent(RecordingWatcher.line(Watcher.Action.ADDED, written.getLast()));

            List<String> events = recorder.events();
            assertThat(events).as("watch events").doesNotHaveDuplicates();
            assertThat(events)
                    .containsSubsequence(written.stream()
                            .map(c -> RecordingWatcher.line(Watcher.Action.ADDED, c))
                            .toList());
            assertThat(events.stream()
                            .map(e -> Long.parseLong(e.substring(e.indexOf('@') + 1)))
                            .toList())
                    .as("resourceVersions in the order they were watched")
                    .isSorted();
        }
    }

    private static void assertFailedFastWithStatus(String what, TimedHttp.Answer answer) {
        assertThat(answer.status()).as(what + ": " + answer).isIn(503, 504);
        assertThat(answer.took())
                .as(what + " answered in " + answer.took().toMillis() + " ms")
                .isLessThan(FAIL_FAST);
        JsonNode status = answer.json();
        assertThat(status.path("kind").asText()).as(what).isEqualTo("Status");
        assertThat(status.path("apiVersion").asText()).as(what).isEqualTo("v1");
        assertThat(status.path("status").asText()).as(what).isEqualTo("Failure");
        assertThat(status.path("code").asInt()).as(what).isEqualTo(answer.status());
        assertThat(status.path("reason").asText())
                .as(what)
                .isEqualTo(answer.status() == 504 ? "Timeout" : "ServiceUnavailable");
        assertThat(status.path("message").asText()).as(what).isNotBlank();
    }
}
