package io.meridian.it.apiserver.client;

import static io.meridian.it.apiserver.client.Fixtures.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two API server processes on one etcd ring, as replicas behind a load balancer: what is written through one is
 * watched, read and concurrency-checked through the other, because etcd (not either server's memory) is the truth.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MultiServerE2E {

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

    private static void named(io.meridian.sandbox.apiserver.ApiServerProcess.Builder builder, String name) {
        builder.name("MultiServerE2E-" + name)
                .logFile(Path.of("target", "apiserver-logs", "MultiServerE2E-" + name + ".log")
                        .toAbsolutePath());
    }

    @BeforeAll
    static void connect() {
        a = KubeClients.connect(serverA.url());
        b = KubeClients.connect(serverB.url());
    }

    @AfterAll
    static void disconnect() {
        for (KubernetesClient c : new KubernetesClient[] {a, b}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String rv(HasMetadata o) {
        return o.getMetadata().getResourceVersion();
    }

    @Test
    void aWatchOnOneServerSeesEveryWriteThroughTheOtherInOrder() {
        String ns = "watch-across";
        KubeClients.createNamespace(b, ns);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> a.namespaces().withName(ns).get() != null);

        RecordingWatcher<ConfigMap> onA = new RecordingWatcher<>();
        try (Watch watch = a.configMaps().inNamespace(ns).watch(onA)) {
            var throughB = b.configMaps().inNamespace(ns);
            ConfigMap sentinel =
                    throughB.resource(configMap(ns, "sentinel", Map.of())).create();
            onA.awaitEvent("ADDED sentinel@" + rv(sentinel));

            List<String> written = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ConfigMap created = throughB.resource(configMap(ns, "item-" + i, Map.of("n", "0")))
                        .create();
                written.add("ADDED item-" + i + "@" + rv(created));
                if (i > 0) {
                    ConfigMap updated = throughB.withName("item-" + (i - 1))
                            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"n\":\"1\"}}");
                    written.add("MODIFIED item-" + (i - 1) + "@" + rv(updated));
                }
            }
            throughB.withName("item-2").delete();
            ConfigMap last = throughB.resource(configMap(ns, "last", Map.of())).create();
            written.add("DELETED item-2@");
            written.add("ADDED last@" + rv(last));

            onA.awaitEvent(written.getLast());
            List<String> seen = onA.events().subList(1, onA.events().size());
            assertThat(seen).hasSameSizeAs(written);
            for (int i = 0; i < written.size(); i++) {
                assertThat(seen.get(i)).as("event %d", i).startsWith(written.get(i));
            }
            assertThat(onA.closedWith()).isNull();
        }
    }

    @Test
    void aKindDefinedThroughOneServerIsServedAndWatchedThroughTheOther() {
        String ns = "custom-across";
        KubeClients.createNamespace(a, ns);
        Widgets.install(b, a);

        RecordingWatcher<GenericKubernetesResource> onA = new RecordingWatcher<>();
        try (Watch watch =
                a.genericKubernetesResources(Widgets.CONTEXT).inNamespace(ns).watch(onA)) {
            var widgetsThroughB = b.genericKubernetesResources(Widgets.CONTEXT).inNamespace(ns);
            GenericKubernetesResource created = widgetsThroughB
                    .resource(Widgets.widget(ns, "gear", 1, "green"))
                    .create();
            onA.awaitEvent("ADDED gear@" + rv(created));
            GenericKubernetesResource patched = widgetsThroughB
                    .withName("gear")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"color\":\"amber\"}}");
            onA.awaitEvent("MODIFIED gear@" + rv(patched));

            GenericKubernetesResource readOnA = a.genericKubernetesResources(Widgets.CONTEXT)
                    .inNamespace(ns)
                    .withName("gear")
                    .get();
            assertThat((String) readOnA.get("spec", "color")).isEqualTo("amber");
            assertThat(rv(readOnA)).isEqualTo(rv(patched));
        }
    }

    @Test
    void aResourceVersionFromOneServerIsCheckedByTheOther() {
        String ns = "conflict-across";
        KubeClients.createNamespace(a, ns);
        ConfigMap created = a.configMaps()
                .inNamespace(ns)
                .resource(configMap(ns, "shared", Map.of("owner", "a")))
                .create();

        ConfigMap fromB = b.configMaps().inNamespace(ns).withName("shared").get();
        assertThat(rv(fromB)).isEqualTo(rv(created));

        // B writes; the copy read from B earlier is now stale, and A must say so.
        ConfigMap writtenByB = b.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder(fromB).addToData("owner", "b").build())
                .update();
        KubernetesClientException conflict = null;
        try {
            a.configMaps()
                    .inNamespace(ns)
                    .resource(new ConfigMapBuilder(fromB)
                            .addToData("owner", "stale")
                            .build())
                    .update();
        } catch (KubernetesClientException e) {
            conflict = e;
        }
        assertThat(conflict)
                .as("an update through A with B's stale resourceVersion")
                .isNotNull();
        assertThat(conflict.getCode()).isEqualTo(409);
        assertThat(conflict.getStatus().getReason()).isEqualTo("Conflict");

        ConfigMap onA = a.configMaps().inNamespace(ns).withName("shared").get();
        assertThat(onA.getData()).containsEntry("owner", "b");
        assertThat(rv(onA)).isEqualTo(rv(writtenByB));

        // The current resourceVersion, learnt from B, is good on A.
        ConfigMap writtenByA = a.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder(writtenByB)
                        .addToData("owner", "a-again")
                        .build())
                .update();
        assertThat(Long.parseLong(rv(writtenByA))).isGreaterThan(Long.parseLong(rv(writtenByB)));
    }

    @Test
    void optimisticWritersOnBothServersLoseNoUpdate() throws Exception {
        String ns = "counter";
        KubeClients.createNamespace(a, ns);
        a.configMaps()
                .inNamespace(ns)
                .resource(configMap(ns, "counter", Map.of("n", "0")))
                .create();
        int perServer = 15;

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (KubernetesClient client : List.of(a, b)) {
                writers.add(pool.submit(() -> increment(client, ns, perServer)));
            }
            for (Future<?> writer : writers) {
                writer.get(45, TimeUnit.SECONDS);
            }
            ConfigMap counter =
                    b.configMaps().inNamespace(ns).withName("counter").get();
            assertThat(counter.getData()).containsEntry("n", Integer.toString(2 * perServer));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Adds one to the counter {@code times} times, each a read and a conditional update retried on 409. */
    private static void increment(KubernetesClient client, String ns, int times) {
        for (int i = 0; i < times; ) {
            ConfigMap current =
                    client.configMaps().inNamespace(ns).withName("counter").get();
            int n = Integer.parseInt(current.getData().get("n"));
            try {
                client.configMaps()
                        .inNamespace(ns)
                        .resource(new ConfigMapBuilder(current)
                                .addToData("n", Integer.toString(n + 1))
                                .build())
                        .update();
                i++;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }
}
