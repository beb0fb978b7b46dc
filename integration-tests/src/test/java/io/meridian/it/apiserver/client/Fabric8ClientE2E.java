package io.meridian.it.apiserver.client;

import static io.meridian.it.apiserver.client.Fixtures.configMap;
import static io.meridian.it.apiserver.client.Fixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fabric8 client, as operators and controllers use it, against a real API server on a real three-member etcd
 * ring: typed and generic resources, a custom kind defined through the client, subresources, optimistic concurrency,
 * selectors, paged lists and watches. Every test works in a namespace of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Fabric8ClientE2E {

    @RegisterExtension
    @Order(1)
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static final ApiServerExtension api = ApiServerExtension.on(etcd);

    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        client = KubeClients.connect(api.url());
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    private static String namespace(String name) {
        KubeClients.createNamespace(client, name);
        return name;
    }

    private static String rv(HasMetadata o) {
        return o.getMetadata().getResourceVersion();
    }

    private static long revision(HasMetadata o) {
        return Long.parseLong(rv(o));
    }

    private static KubernetesClientException refusal(Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            return e;
        }
        throw new AssertionError("the server accepted what it should have refused");
    }

    @Test
    void configMapsAreCreatedReadUpdatedPatchedAndDeleted() {
        String ns = namespace("configmaps");
        var configMaps = client.configMaps().inNamespace(ns);

        ConfigMap created = configMaps
                .resource(configMap(ns, "settings", Map.of("mode", "blue")))
                .create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();
        assertThat(created.getMetadata().getNamespace()).isEqualTo(ns);
        assertThat(revision(created)).isPositive();

        ConfigMap read = configMaps.withName("settings").get();
        assertThat(read.getData()).containsExactly(entry("mode", "blue"));
        assertThat(rv(read)).isEqualTo(rv(created));
        assertThat(client.configMaps()
                        .inNamespace("default")
                        .withName("settings")
                        .get())
                .as("the same name in another namespace")
                .isNull();

        read.getData().put("mode", "green");
        ConfigMap updated = configMaps.resource(read).update();
        assertThat(updated.getData()).containsExactly(entry("mode", "green"));
        assertThat(revision(updated)).isGreaterThan(revision(created));
        assertThat(updated.getMetadata().getUid())
                .isEqualTo(created.getMetadata().getUid());

        ConfigMap merged = configMaps
                .withName("settings")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"size\":\"L\",\"mode\":null}}");
        assertThat(merged.getData()).containsExactly(entry("size", "L"));

        ConfigMap jsonPatched = configMaps
                .withName("settings")
                .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"test\",\"path\":\"/data/size\",\"value\":\"L\"},"
                                + "{\"op\":\"add\",\"path\":\"/data/shape\",\"value\":\"round\"}]");
        assertThat(jsonPatched.getData()).containsOnly(entry("size", "L"), entry("shape", "round"));

        // edit() reads the object, applies the function and sends the difference as a JSON patch.
        ConfigMap edited = configMaps
                .withName("settings")
                .edit(cm -> new ConfigMapBuilder(cm)
                        .removeFromData("shape")
                        .addToData("edited", "yes")
                        .build());
        assertThat(edited.getData()).containsOnly(entry("size", "L"), entry("edited", "yes"));
        assertThat(configMaps.withName("settings").get().getData())
                .containsOnly(entry("size", "L"), entry("edited", "yes"));

        assertThat(configMaps.list().getItems())
                .extracting(cm -> cm.getMetadata().getName())
                .containsExactly("settings");

        List<StatusDetails> deleted = configMaps.withName("settings").delete();
        assertThat(deleted)
                .singleElement()
                .satisfies(d -> assertThat(d.getName()).isEqualTo("settings"));
        assertThat(configMaps.withName("settings").get()).isNull();
        assertThat(configMaps.list().getItems()).isEmpty();
        assertThat(configMaps.withName("settings").delete())
                .as("deleting what is gone")
                .isEmpty();
    }

    @Test
    void aFailedJsonPatchTestChangesNothing() {
        String ns = namespace("json-patch-test");
        var configMaps = client.configMaps().inNamespace(ns);
        ConfigMap created = configMaps
                .resource(configMap(ns, "guarded", Map.of("owner", "alice")))
                .create();

        KubernetesClientException e = refusal(() -> configMaps
                .withName("guarded")
                .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"test\",\"path\":\"/data/owner\",\"value\":\"bob\"},"
                                + "{\"op\":\"replace\",\"path\":\"/data/owner\",\"value\":\"mallory\"}]"));

        assertThat(e.getCode()).isEqualTo(422);
        ConfigMap after = configMaps.withName("guarded").get();
        assertThat(after.getData()).containsExactly(entry("owner", "alice"));
        assertThat(rv(after)).isEqualTo(rv(created));
    }

    @Test
    void namespacesScopeObjectsAndTheirDeletionTakesTheirContents() {
        Namespace teamA = KubeClients.createNamespace(client, "team-a");
        KubeClients.createNamespace(client, "team-b");
        assertThat(teamA.getSpec().getFinalizers()).containsExactly("kubernetes");
        assertThat(client.namespaces().list().getItems())
                .extracting(n -> n.getMetadata().getName())
                .contains("default", "kube-system", "team-a", "team-b");

        Map<String, String> labels = Map.of("suite", "namespaces");
        client.configMaps()
                .inNamespace("team-a")
                .resource(configMap("team-a", "shared-name", labels, Map.of("team", "a")))
                .create();
        client.configMaps()
                .inNamespace("team-b")
                .resource(configMap("team-b", "shared-name", labels, Map.of("team", "b")))
                .create();

        assertThat(client.configMaps()
                        .inNamespace("team-a")
                        .withName("shared-name")
                        .get()
                        .getData())
                .containsEntry("team", "a");
        assertThat(client.configMaps()
                        .inNamespace("team-b")
                        .withName("shared-name")
                        .get()
                        .getData())
                .containsEntry("team", "b");
        assertThat(client.configMaps()
                        .inAnyNamespace()
                        .withLabel("suite", "namespaces")
                        .list()
                        .getItems())
                .extracting(cm -> cm.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("team-a", "team-b");

        KubernetesClientException missing = refusal(() -> client.configMaps()
                .inNamespace("no-such-team")
                .resource(configMap("no-such-team", "x", Map.of()))
                .create());
        assertThat(missing.getCode()).isEqualTo(404);

        client.namespaces().withName("team-a").delete();
        await("team-a and its contents deleted")
                .atMost(Duration.ofSeconds(30))
                .until(() -> client.namespaces().withName("team-a").get() == null);
        assertThat(client.configMaps().inNamespace("team-a").list().getItems()).isEmpty();
        assertThat(client.configMaps()
                        .inNamespace("team-b")
                        .withName("shared-name")
                        .get())
                .as("the other namespace's object")
                .isNotNull();
    }

    @Test
    void labelSelectorsSelectWhatKubernetesSelects() {
        String ns = namespace("selectors");
        var configMaps = client.configMaps().inNamespace(ns);
        configMaps
                .resource(configMap(ns, "a", Map.of("tier", "web", "env", "prod"), Map.of()))
                .create();
        configMaps
                .resource(configMap(ns, "b", Map.of("tier", "web", "env", "dev"), Map.of()))
                .create();
        configMaps
                .resource(configMap(ns, "c", Map.of("tier", "db", "env", "prod"), Map.of()))
                .create();
        configMaps.resource(configMap(ns, "d", Map.of(), Map.of())).create();

        assertThat(names(configMaps.withLabel("tier", "web").list())).containsExactly("a", "b");
        assertThat(names(configMaps.withLabel("env").list())).containsExactly("a", "b", "c");
        assertThat(names(configMaps.withoutLabel("env", "prod").list()))
                .as("!= also selects objects without the label")
                .containsExactly("b", "d");
        assertThat(names(configMaps.withoutLabel("tier").list())).containsExactly("d");
        assertThat(names(configMaps.withLabelIn("env", "prod", "dev").list())).containsExactly("a", "b", "c");
        assertThat(names(configMaps.withLabelNotIn("tier", "web").list())).containsExactly("c", "d");
        assertThat(names(configMaps
                        .withLabelSelector(new LabelSelectorBuilder()
                                .addToMatchLabels("env", "prod")
                                .addNewMatchExpression()
                                .withKey("tier")
                                .withOperator("In")
                                .withValues("db")
                                .endMatchExpression()
                                .build())
                        .list()))
                .containsExactly("c");
        assertThat(names(configMaps
                        .withLabels(Map.of("tier", "web", "env", "dev"))
                        .list()))
                .containsExactly("b");
    }

    private static List<String> names(
            io.fabric8.kubernetes.api.model.KubernetesResourceList<? extends HasMetadata> list) {
        return list.getItems().stream().map(o -> o.getMetadata().getName()).toList();
    }

    @Test
    void writesWithAStaleResourceVersionAreRefusedWithConflict() {
        String ns = namespace("conflicts");
        var configMaps = client.configMaps().inNamespace(ns);
        ConfigMap v1 = configMaps
                .resource(configMap(ns, "contended", Map.of("owner", "first")))
                .create();
        ConfigMap v2 = configMaps
                .resource(new ConfigMapBuilder(v1).addToData("owner", "second").build())
                .update();

        KubernetesClientException staleUpdate = refusal(() -> configMaps
                .resource(new ConfigMapBuilder(v1).addToData("owner", "stale").build())
                .update());
        assertThat(staleUpdate.getCode()).isEqualTo(409);
        assertThat(staleUpdate.getStatus().getReason()).isEqualTo("Conflict");
        assertThat(staleUpdate.getStatus().getDetails().getName()).isEqualTo("contended");

        KubernetesClientException lockedUpdate = refusal(() -> configMaps
                .withName("contended")
                .lockResourceVersion(rv(v1))
                .replace(new ConfigMapBuilder(v2).addToData("owner", "locked").build()));
        assertThat(lockedUpdate.getCode()).isEqualTo(409);

        KubernetesClientException stalePatch = refusal(() -> configMaps
                .withName("contended")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"resourceVersion\":\"" + rv(v1) + "\"},\"data\":{\"owner\":\"patched\"}}"));
        assertThat(stalePatch.getCode()).isEqualTo(409);

        KubernetesClientException staleDelete = refusal(() ->
                configMaps.withName("contended").lockResourceVersion(rv(v1)).delete());
        assertThat(staleDelete.getCode()).isEqualTo(409);

        ConfigMap current = configMaps.withName("contended").get();
        assertThat(current.getData()).containsExactly(entry("owner", "second"));
        assertThat(rv(current)).isEqualTo(rv(v2));

        ConfigMap v3 = configMaps
                .withName("contended")
                .lockResourceVersion(rv(v2))
                .replace(new ConfigMapBuilder(v2).addToData("owner", "third").build());
        assertThat(v3.getData()).containsEntry("owner", "third");
        assertThat(configMaps.withName("contended").lockResourceVersion(rv(v3)).delete())
                .hasSize(1);
        assertThat(configMaps.withName("contended").get()).isNull();
    }

    @Test
    void deploymentsScaleAndKeepStatusApartFromSpec() {
        String ns = namespace("deployments");
        var deployments = client.apps().deployments().inNamespace(ns);
        Deployment created = deployments.resource(deployment(ns, "web", 2)).create();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getStatus()).isNull();

        deployments.withName("web").scale(5);
        Deployment scaled = deployments.withName("web").get();
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(5);
        assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
        Scale scale = deployments.withName("web").scale();
        assertThat(scale.getSpec().getReplicas()).isEqualTo(5);
        assertThat(scale.getStatus().getSelector()).isEqualTo("app=web");

        Deployment withStatus = deployments
                .resource(new DeploymentBuilder(scaled)
                        .withStatus(new DeploymentStatusBuilder()
                                .withReplicas(5)
                                .withReadyReplicas(3)
                                .withObservedGeneration(2L)
                                .build())
                        .build())
                .updateStatus();
        assertThat(withStatus.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(withStatus.getMetadata().getGeneration())
                .as("a status write is not a change of desired state")
                .isEqualTo(2L);
        assertThat(deployments.withName("web").scale().getStatus().getReplicas())
                .isEqualTo(5);

        // An update of the main resource keeps the stored status, whatever it sends.
        Deployment specChange = deployments.withName("web").get();
        specChange.getSpec().setReplicas(6);
        specChange.getStatus().setReadyReplicas(99);
        Deployment afterUpdate = deployments.resource(specChange).update();
        assertThat(afterUpdate.getSpec().getReplicas()).isEqualTo(6);
        assertThat(afterUpdate.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(afterUpdate.getMetadata().getGeneration()).isEqualTo(3L);

        // A status write keeps the stored spec, whatever it sends.
        Deployment statusChange = deployments.withName("web").get();
        statusChange.getSpec().setReplicas(1);
        statusChange.getStatus().setReadyReplicas(6);
        deployments.resource(statusChange).updateStatus();
        Deployment afterStatus = deployments.withName("web").get();
        assertThat(afterStatus.getSpec().getReplicas()).isEqualTo(6);
        assertThat(afterStatus.getStatus().getReadyReplicas()).isEqualTo(6);

        Deployment patchStatus = deployments.withName("web").get();
        patchStatus.getStatus().setAvailableReplicas(4);
        deployments.resource(patchStatus).patchStatus();
        assertThat(deployments.withName("web").get().getStatus().getAvailableReplicas())
                .isEqualTo(4);

        Deployment edited = deployments
                .withName("web")
                .editStatus(d -> new DeploymentBuilder(d)
                        .editStatus()
                        .withUpdatedReplicas(2)
                        .endStatus()
                        .build());
        assertThat(edited.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(edited.getStatus().getAvailableReplicas()).isEqualTo(4);
    }

    @Test
    void nativeKindsAreServedToTheGenericClient() {
        String ns = namespace("generic-native");
        var generic = client.genericKubernetesResources("apps/v1", "Deployment").inNamespace(ns);
        GenericKubernetesResource asGeneric = client.getKubernetesSerialization()
                .convertValue(deployment(ns, "api", 3), GenericKubernetesResource.class);

        GenericKubernetesResource created = generic.resource(asGeneric).create();
        assertThat(created.getKind()).isEqualTo("Deployment");
        assertThat((Integer) created.get("spec", "replicas")).isEqualTo(3);

        Deployment typed =
                client.apps().deployments().inNamespace(ns).withName("api").get();
        assertThat(typed.getSpec().getReplicas()).isEqualTo(3);
        assertThat(typed.getSpec().getTemplate().getSpec().getContainers())
                .singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx:1.27"));

        generic.withName("api").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":4}}");
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("api")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(4);
        assertThat(generic.list().getItems())
                .extracting(g -> g.getMetadata().getName())
                .containsExactly("api");

        generic.withName("api").delete();
        assertThat(client.apps().deployments().inNamespace(ns).withName("api").get())
                .isNull();
    }

    @Test
    void aKindDefinedThroughTheClientIsServedToTheGenericClient() {
        String ns = namespace("custom-kinds");
        Widgets.install(client);

        CustomResourceDefinition stored = client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(Widgets.PLURAL + "." + Widgets.GROUP)
                .get();
        assertThat(stored.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Established");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        assertThat(client.getApiResources(Widgets.API_VERSION).getResources())
                .extracting(APIResource::getName)
                .contains(Widgets.PLURAL, Widgets.PLURAL + "/status", Widgets.PLURAL + "/scale");

        var widgets = client.genericKubernetesResources(Widgets.CONTEXT).inNamespace(ns);
        GenericKubernetesResource created =
                widgets.resource(Widgets.widget(ns, "sprocket", 2, "red")).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat((Integer) created.get("spec", "replicas")).isEqualTo(2);

        // The same kind found through discovery, by apiVersion and kind alone.
        GenericKubernetesResource discovered = client.genericKubernetesResources(Widgets.API_VERSION, Widgets.KIND)
                .inNamespace(ns)
                .withName("sprocket")
                .get();
        assertThat((String) discovered.get("spec", "color")).isEqualTo("red");

        GenericKubernetesResource toUpdate = widgets.withName("sprocket").get();
        toUpdate.setAdditionalProperty("spec", Map.of("replicas", 2, "color", "blue"));
        GenericKubernetesResource updated = widgets.resource(toUpdate).update();
        assertThat((String) updated.get("spec", "color")).isEqualTo("blue");
        assertThat(revision(updated)).isGreaterThan(revision(created));

        widgets.withName("sprocket").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":3}}");
        assertThat((Integer) widgets.withName("sprocket").get().get("spec", "replicas"))
                .isEqualTo(3);

        GenericKubernetesResource withStatus = widgets.withName("sprocket").get();
        withStatus.setAdditionalProperty("status", Map.of("phase", "Spinning", "replicas", 3));
        widgets.resource(withStatus).updateStatus();
        GenericKubernetesResource afterStatus = widgets.withName("sprocket").get();
        assertThat((String) afterStatus.get("status", "phase")).isEqualTo("Spinning");
        assertThat((String) afterStatus.get("spec", "color")).isEqualTo("blue");

        widgets.withName("sprocket").scale(6);
        assertThat((Integer) widgets.withName("sprocket").get().get("spec", "replicas"))
                .isEqualTo(6);
        assertThat(widgets.withName("sprocket").scale().getStatus().getReplicas())
                .isEqualTo(3);

        KubernetesClientException invalid = refusal(() -> widgets.resource(client.getKubernetesSerialization()
                        .unmarshal(
                                "{\"apiVersion\":\"" + Widgets.API_VERSION + "\",\"kind\":\"Widget\","
                                        + "\"metadata\":{\"name\":\"broken\",\"namespace\":\"" + ns + "\"},"
                                        + "\"spec\":{\"replicas\":\"many\"}}",
                                GenericKubernetesResource.class))
                .create());
        assertThat(invalid.getCode()).isEqualTo(422);
        assertThat(invalid.getStatus().getDetails().getCauses())
                .anySatisfy(c -> assertThat(c.getField()).isEqualTo("spec.replicas"));

        assertThat(widgets.list().getItems())
                .extracting(w -> w.getMetadata().getName())
                .containsExactly("sprocket");
        widgets.withName("sprocket").delete();
        assertThat(widgets.withName("sprocket").get()).isNull();
    }

    @Test
    void pagedListsAreOneConsistentSnapshot() {
        String ns = namespace("paging");
        var configMaps = client.configMaps().inNamespace(ns);
        for (int i = 0; i < 7; i++) {
            configMaps.resource(configMap(ns, "page-" + i, Map.of("i", "" + i))).create();
        }

        ConfigMapList first =
                configMaps.list(new ListOptionsBuilder().withLimit(3L).build());
        assertThat(names(first)).containsExactly("page-0", "page-1", "page-2");
        assertThat(first.getMetadata().getContinue()).isNotBlank();
        assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(4L);

        // Changes between pages do not show: every page is read at the first page's revision.
        configMaps.withName("page-5").delete();
        configMaps.resource(configMap(ns, "page-7", Map.of())).create();

        List<String> seen = new ArrayList<>(names(first));
        String token = first.getMetadata().getContinue();
        int pages = 1;
        while (token != null && !token.isEmpty()) {
            ConfigMapList page = configMaps.list(
                    new ListOptionsBuilder().withLimit(3L).withContinue(token).build());
            assertThat(page.getItems()).hasSizeLessThanOrEqualTo(3);
            assertThat(page.getMetadata().getResourceVersion())
                    .isEqualTo(first.getMetadata().getResourceVersion());
            seen.addAll(names(page));
            token = page.getMetadata().getContinue();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4", "page-5", "page-6");

        assertThat(names(configMaps.list()))
                .containsExactly("page-0", "page-1", "page-2", "page-3", "page-4", "page-6", "page-7");
    }

    @Test
    void aWatcherReceivesAddedModifiedAndDeletedInOrder() {
        String ns = namespace("watching");
        var configMaps = client.configMaps().inNamespace(ns);
        RecordingWatcher<ConfigMap> all = new RecordingWatcher<>();
        RecordingWatcher<ConfigMap> labelled = new RecordingWatcher<>();
        try (Watch w1 = configMaps.watch(all);
                Watch w2 = configMaps.withLabel("watched", "yes").watch(labelled)) {
            // Writes before the watch is established would arrive as the initial ADDED state; a sentinel makes sure
            // both watches run before the writes under test.
            ConfigMap sentinel = configMaps
                    .resource(configMap(ns, "sentinel", Map.of("watched", "yes"), Map.of()))
                    .create();
            all.awaitEvent("ADDED sentinel@" + rv(sentinel));
            labelled.awaitEvent("ADDED sentinel@" + rv(sentinel));

            ConfigMap created = configMaps
                    .resource(configMap(ns, "subject", Map.of("v", "1")))
                    .create();
            ConfigMap modified = configMaps
                    .withName("subject")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"v\":\"2\"}}");
            ConfigMap labelledOn = configMaps
                    .withName("subject")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"watched\":\"yes\"}}}");
            ConfigMap labelledOff = configMaps
                    .withName("subject")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"watched\":null}}}");
            configMaps.withName("subject").delete();
            client.configMaps()
                    .inNamespace("default")
                    .resource(configMap("default", "elsewhere", Map.of("watched", "yes"), Map.of()))
                    .create();
            ConfigMap last =
                    configMaps.resource(configMap(ns, "last", Map.of())).create();

            all.awaitEvent("ADDED last@" + rv(last));
            assertThat(all.events().subList(1, all.events().size() - 1))
                    .hasSize(5)
                    .startsWith(
                            "ADDED subject@" + rv(created),
                            "MODIFIED subject@" + rv(modified),
                            "MODIFIED subject@" + rv(labelledOn),
                            "MODIFIED subject@" + rv(labelledOff));
            assertThat(all.events().get(5)).startsWith("DELETED subject@");
            assertThat(Long.parseLong(
                            all.events().get(5).substring(all.events().get(5).indexOf('@') + 1)))
                    .as("a deletion carries the revision that deleted it")
                    .isGreaterThan(revision(labelledOff))
                    .isLessThan(revision(last));
            assertThat(all.objects().get(2).getData()).containsEntry("v", "2");

            // A selecting watch sees the object enter and leave its selection as ADDED and DELETED.
            labelled.awaitEvent("DELETED subject@" + rv(labelledOff));
            assertThat(labelled.events())
                    .containsExactly(
                            "ADDED sentinel@" + rv(sentinel),
                            "ADDED subject@" + rv(labelledOn),
                            "DELETED subject@" + rv(labelledOff));
            assertThat(all.closedWith()).isNull();
        }

        // A watch from a resourceVersion replays what happened after it.
        ConfigMap replayFrom = configMaps.withName("sentinel").get();
        RecordingWatcher<ConfigMap> resumed = new RecordingWatcher<>();
        List<String> expectedAfterSentinel =
                new ArrayList<>(all.events().subList(1, all.events().size()));
        try (Watch w = configMaps.withResourceVersion(rv(replayFrom)).watch(resumed)) {
            resumed.awaitEvent(expectedAfterSentinel.getLast());
            assertThat(resumed.events()).containsExactlyElementsOf(expectedAfterSentinel);
        }
    }

    @Test
    void serverSideApplyOwnsFieldsPerManager() {
        String ns = namespace("server-side-apply");
        var configMaps = client.configMaps().inNamespace(ns);

        ConfigMap first = configMaps
                .resource(configMap(ns, "applied", Map.of("a", "1", "b", "2")))
                .fieldManager("team-one")
                .serverSideApply();
        assertThat(first.getData()).containsOnly(entry("a", "1"), entry("b", "2"));
        assertThat(first.getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team-one", "Apply"));

        // Applying again without "b" removes it: team-one owned it and no longer says it.
        ConfigMap second = configMaps
                .resource(configMap(ns, "applied", Map.of("a", "1", "c", "3")))
                .fieldManager("team-one")
                .serverSideApply();
        assertThat(second.getData()).containsOnly(entry("a", "1"), entry("c", "3"));

        // Another manager setting team-one's field differently conflicts unless it forces.
        KubernetesClientException conflict = refusal(() -> configMaps
                .resource(configMap(ns, "applied", Map.of("a", "9")))
                .fieldManager("team-two")
                .serverSideApply());
        assertThat(conflict.getCode()).isEqualTo(409);

        ConfigMap forced = configMaps
                .resource(configMap(ns, "applied", Map.of("a", "9")))
                .fieldManager("team-two")
                .forceConflicts()
                .serverSideApply();
        assertThat(forced.getData()).containsOnly(entry("a", "9"), entry("c", "3"));

        Deployment appliedDeployment = client.apps()
                .deployments()
                .inNamespace(ns)
                .resource(deployment(ns, "applied", 2))
                .fieldManager("team-one")
                .serverSideApply();
        assertThat(appliedDeployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(appliedDeployment.getMetadata().getGeneration()).isEqualTo(1L);
    }
}
