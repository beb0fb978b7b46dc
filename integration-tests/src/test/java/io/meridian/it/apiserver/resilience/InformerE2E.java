package io.meridian.it.apiserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meridian.it.apiserver.client.Fixtures;
import io.meridian.it.apiserver.client.KubeClients;
import io.meridian.it.apiserver.client.RecordingHandler;
import io.meridian.it.apiserver.client.Widgets;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.apiserver.ApiServerProcess;
import io.meridian.sandbox.etcd.EtcdMember;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * fabric8 informers on ConfigMaps, Deployments and a custom kind, watching API server A, through disruptions: A
 * restarted on the same port (writes meanwhile go through server B on the same ring), and the etcd leader killed
 * (writes meanwhile go through A to the surviving members). Every create, update and delete made before, during and
 * after must reach the informers' handlers, and their stores must end equal to a fresh list.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InformerE2E {

    @RegisterExtension
    @Order(1)
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static final ApiServerExtension serverA = ApiServerExtension.on(etcd).configure(b -> named(b, "a"));

    @RegisterExtension
    @Order(3)
    static final ApiServerExtension serverB = ApiServerExtension.on(etcd).configure(b -> named(b, "b"));

    private static KubernetesClient a;
    private static KubernetesClient b;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    private static void named(ApiServerProcess.Builder builder, String name) {
        builder.name("InformerE2E-" + name)
                .logFile(Path.of("target", "apiserver-logs", "InformerE2E-" + name + ".log")
                        .toAbsolutePath());
    }

    @BeforeAll
    static void connect() {
        a = KubeClients.connect(serverA.url());
        b = KubeClients.connect(serverB.url());
        Widgets.install(a, b);
    }

    @AfterAll
    static void disconnect() {
        for (KubernetesClient c : new KubernetesClient[] {a, b}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @AfterEach
    void stopInformersAndRestoreTheRing() {
        informers.forEach(SharedIndexInformer::close);
        etcd.ensureAllRunning();
        if (!serverA.server().isRunning()) {
            serverA.server().start();
        }
    }

    /** A kind the suite writes: how the generic client addresses it, and a fixture of it. */
    private record Kind(
            String name, ResourceDefinitionContext context, BiFunction<String, String, HasMetadata> fixture) {}

    private static final Kind CONFIG_MAP = new Kind(
            "ConfigMap",
            new ResourceDefinitionContext.Builder()
                    .withVersion("v1")
                    .withKind("ConfigMap")
                    .withPlural("configmaps")
                    .withNamespaced(true)
                    .build(),
            (ns, name) -> Fixtures.configMap(ns, name, Map.of("k", "v")));

    private static final Kind DEPLOYMENT = new Kind(
            "Deployment",
            new ResourceDefinitionContext.Builder()
                    .withGroup("apps")
                    .withVersion("v1")
                    .withKind("Deployment")
                    .withPlural("deployments")
                    .withNamespaced(true)
                    .build(),
            (ns, name) -> Fixtures.deployment(ns, name, 1));

    private static final Kind WIDGET =
            new Kind("Widget", Widgets.CONTEXT, (ns, name) -> Widgets.widget(ns, name, 1, "grey"));

    /** An informer on one kind, and the recorder of its handler calls. */
    private record Tracked<T extends HasMetadata>(
            Kind kind, SharedIndexInformer<T> informer, RecordingHandler<T> handler) {}

    /** A write that was acknowledged, and the handler call it must cause. */
    private record Expected(Tracked<?> tracked, RecordingHandler.Type type, String name, String resourceVersion) {
        boolean seen() {
            RecordingHandler<?> h = tracked.handler();
            return type == RecordingHandler.Type.DELETE ? h.sawDeletion(name) : h.saw(type, name, resourceVersion);
        }

        @Override
        public String toString() {
            return tracked.kind().name() + " " + type + " " + name + "@" + resourceVersion;
        }
    }

    private static final List<String> PHASES = List.of("before", "during", "after");

    /** Creates the seeds every phase updates or deletes, then starts the informers and waits until they synced. */
    private List<Tracked<?>> watch(String ns) {
        KubeClients.createNamespace(a, ns);
        for (Kind kind : List.of(CONFIG_MAP, DEPLOYMENT, WIDGET)) {
            for (String phase : PHASES) {
                create(a, ns, kind, "seed-" + phase + "-updated");
                create(a, ns, kind, "seed-" + phase + "-deleted");
            }
        }
        RecordingHandler<ConfigMap> configMaps = new RecordingHandler<>();
        RecordingHandler<Deployment> deployments = new RecordingHandler<>();
        RecordingHandler<GenericKubernetesResource> widgets = new RecordingHandler<>();
        List<Tracked<?>> tracked = List.of(
                new Tracked<>(CONFIG_MAP, a.configMaps().inNamespace(ns).inform(configMaps, 0), configMaps),
                new Tracked<>(DEPLOYMENT, a.apps().deployments().inNamespace(ns).inform(deployments, 0), deployments),
                new Tracked<>(
                        WIDGET,
                        a.genericKubernetesResources(Widgets.CONTEXT)
                                .inNamespace(ns)
                                .inform(widgets, 0),
                        widgets));
        tracked.forEach(t -> informers.add(t.informer()));
        await("informers synced")
                .atMost(Duration.ofSeconds(20))
                .until(() -> informers.stream().allMatch(SharedIndexInformer::hasSynced));
        for (Tracked<?> t : tracked) {
            assertThat(t.informer().getStore().list()).hasSize(2 * PHASES.size());
        }
        return tracked;
    }

    private static HasMetadata create(KubernetesClient client, String ns, Kind kind, String name) {
        GenericKubernetesResource generic = client.getKubernetesSerialization()
                .convertValue(kind.fixture().apply(ns, name), GenericKubernetesResource.class);
        return client.genericKubernetesResources(kind.context())
                .inNamespace(ns)
                .resource(generic)
                .create();
    }

    /**
     * One round of writes through {@code client}: per kind a create, an update of a seed and a deletion of another.
     * Each write is retried until acknowledged (the ring may be electing a leader); a retry that finds its first
     * attempt done (409 on create, 404 on delete) counts as acknowledged.
     */
    private static List<Expected> writeRound(KubernetesClient client, String ns, List<Tracked<?>> kinds, String phase) {
        List<Expected> expected = new ArrayList<>();
        for (Tracked<?> tracked : kinds) {
            Kind kind = tracked.kind();
            var resources = client.genericKubernetesResources(kind.context()).inNamespace(ns);
            String created = phase + "-created";
            HasMetadata obj = acknowledged(kind.name() + " create " + created, () -> {
                try {
                    return create(client, ns, kind, created);
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 409) {
                        return resources.withName(created).get();
                    }
                    throw e;
                }
            });
            expected.add(new Expected(
                    tracked,
                    RecordingHandler.Type.ADD,
                    created,
                    obj.getMetadata().getResourceVersion()));

            String updated = "seed-" + phase + "-updated";
            HasMetadata patched = acknowledged(
                    kind.name() + " update " + updated,
                    () -> resources
                            .withName(updated)
                            .patch(
                                    PatchContext.of(PatchType.JSON_MERGE),
                                    "{\"metadata\":{\"annotations\":{\"phase\":\"" + phase + "\"}}}"));
            expected.add(new Expected(
                    tracked,
                    RecordingHandler.Type.UPDATE,
                    updated,
                    patched.getMetadata().getResourceVersion()));

            String deleted = "seed-" + phase + "-deleted";
            acknowledged(kind.name() + " delete " + deleted, () -> {
                resources.withName(deleted).delete();
                return deleted;
            });
            expected.add(new Expected(tracked, RecordingHandler.Type.DELETE, deleted, null));
        }
        return expected;
    }

    private static <T> T acknowledged(String what, Supplier<T> write) {
        return await(what)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsMatching(
                        e -> e instanceof KubernetesClientException k && (k.getCode() >= 500 || k.getCode() == 0))
                .until(write::get, r -> r != null);
    }

    private static void awaitAllSeen(List<Expected> expected) {
        await("informer handler calls")
                .atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(expected)
                        .as("acknowledged writes whose handler call is missing")
                        .filteredOn(e -> !e.seen())
                        .isEmpty());
    }

    /** The informers' stores, name to resourceVersion per kind, end equal to a fresh list through {@code client}. */
    private static void awaitStoresEqualAFreshList(KubernetesClient client, String ns, List<Tracked<?>> kinds) {
        for (Tracked<?> tracked : kinds) {
            await(tracked.kind().name() + " informer store equals a fresh list")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(
                                    versions(tracked.informer().getStore().list()))
                            .isEqualTo(versions(client.genericKubernetesResources(
                                            tracked.kind().context())
                                    .inNamespace(ns)
                                    .list()
                                    .getItems())));
        }
    }

    private static Map<String, String> versions(List<? extends HasMetadata> objects) {
        return objects.stream()
                .collect(Collectors.toMap(
                        o -> o.getMetadata().getName(),
                        o -> o.getMetadata().getResourceVersion(),
                        (x, y) -> x,
                        TreeMap::new));
    }

    private static void assertEveryPhaseIsInTheStore(List<Tracked<?>> kinds) {
        for (Tracked<?> tracked : kinds) {
            assertThat(tracked.informer().getStore().list())
                    .extracting(o -> o.getMetadata().getName())
                    .containsExactlyInAnyOrder(
                            "before-created",
                            "during-created",
                            "after-created",
                            "seed-before-updated",
                            "seed-during-updated",
                            "seed-after-updated");
        }
    }

    /**
     * Deletions came as watch events: the watches resumed from their last resourceVersion (the server's watch cache
     * replays its history) rather than getting 410 Gone and listing everything again.
     */
    private static void assertResumedWithoutRelisting(List<Tracked<?>> kinds) {
        for (Tracked<?> tracked : kinds) {
            assertThat(tracked.handler().events())
                    .as(tracked.kind().name() + " deletions noticed only by listing again")
                    .noneMatch(e -> e.type() == RecordingHandler.Type.DELETE_ON_RELIST);
        }
    }

    @Test
    void informersMissNothingAcrossAnApiServerRestart() {
        String ns = "across-restart";
        List<Tracked<?>> kinds = watch(ns);
        List<Expected> expected = new ArrayList<>(writeRound(a, ns, kinds, "before"));
        awaitAllSeen(expected);

        // restart() with writes in between: A is down while B takes them.
        ApiServerProcess server = serverA.server();
        server.stop();
        assertThat(server.isRunning()).isFalse();
        expected.addAll(writeRound(b, ns, kinds, "during"));
        server.start();

        expected.addAll(writeRound(a, ns, kinds, "after"));
        awaitAllSeen(expected);
        awaitStoresEqualAFreshList(a, ns, kinds);
        assertEveryPhaseIsInTheStore(kinds);
        assertResumedWithoutRelisting(kinds);
    }

    @Test
    void informersMissNothingWhileTheEtcdLeaderIsDown() {
        String ns = "across-leader-loss";
        List<Tracked<?>> kinds = watch(ns);
        List<Expected> expected = new ArrayList<>(writeRound(a, ns, kinds, "before"));
        awaitAllSeen(expected);

        EtcdMember leader = etcd.ring().leader().orElseThrow();
        leader.kill();
        expected.addAll(writeRound(a, ns, kinds, "during"));
        assertThat(leader.isRunning())
                .as("the 'during' writes went through the two surviving members")
                .isFalse();
        awaitAllSeen(expected);
        leader.restart();

        expected.addAll(writeRound(a, ns, kinds, "after"));
        awaitAllSeen(expected);
        awaitStoresEqualAFreshList(a, ns, kinds);
        assertEveryPhaseIsInTheStore(kinds);
        assertResumedWithoutRelisting(kinds);
    }

    @Test
    void aStoppingServerEndsItsWatchStreamsInsteadOfCuttingThem() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> watch = http.send(
                HttpRequest.newBuilder(URI.create(serverA.url() + "/api/v1/namespaces/default/configmaps?watch=true"))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(watch.statusCode()).isEqualTo(200);
        CompletableFuture<Long> lines =
                CompletableFuture.supplyAsync(() -> watch.body().count());

        long start = System.nanoTime();
        serverA.server().stop();
        Duration stopping = Duration.ofNanos(System.nanoTime() - start);

        // Graceful shutdown waits for requests in flight; a watch is one until the server ends it.
        assertThat(stopping).as("a graceful stop with a watch open").isLessThan(Duration.ofSeconds(4));
        assertThat(lines)
                .as("the watch stream ends with its last chunk, not with a cut connection")
                .succeedsWithin(Duration.ofSeconds(5));
    }
}
