package io.meridian.it.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real kubectl against a real API server on a real three-member etcd ring: the commands people
 * type every day, each checked for what it must have changed on the server.
 */
class KubectlE2E {

    @RegisterExtension
    @Order(1)
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static final ApiServerExtension api = ApiServerExtension.on(etcd);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static Kubectl kubectl;

    @BeforeAll
    static void kubectl() {
        kubectl = Kubectl.forServer(api.server(), Path.of("target", "kubectl", KubectlE2E.class.getSimpleName()));
    }

    @Test
    void applyTwiceIsAThreeWayStrategicMergeThatKeepsOutOfBandChanges() {
        assertThat(kubectl.ok("apply", "-f", resource("deployment-web.yaml")).stdout())
                .contains("deployment.apps/web created");
        // A container added by someone else: not in the applied configuration, so a second apply
        // must leave it alone (a replace would drop it).
        kubectl.ok(
                "patch",
                "deployment",
                "web",
                "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"busybox:1.36\"}]}}}}");

        KubectlResult second = kubectl.ok("apply", "-f", resource("deployment-web-v2.yaml"), "-v=6");

        assertThat(second.stdout()).contains("deployment.apps/web configured");
        assertThat(second.stderr())
                .as("the second apply is a PATCH, not a replace")
                .contains("PATCH " + api.url() + "/apis/apps/v1/namespaces/default/deployments/web?");
        JsonNode web = getJson("deployment", "web");
        assertThat(web.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(containerImages(web)).isEqualTo(Map.of("web", "nginx:1.27", "sidecar", "busybox:1.36"));
        assertThat(web.at("/metadata/labels").fieldNames())
                .toIterable()
                .as("a label dropped from the configuration is deleted by the three-way merge")
                .containsExactly("app");
        assertThat(web.at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration")
                        .asText())
                .contains("nginx:1.27")
                .doesNotContain("sidecar");
    }

    @Test
    void serverSideApplyReportsAConflictWithTheOtherManagerAndForceWins() {
        String manifest = read(resource("deployment-ssa.yaml"));
        kubectl.okWithInput(manifest, "apply", "--server-side", "--field-manager=alpha", "-f", "-");
        String moreReplicas = manifest.replace("replicas: 2", "replicas: 5");

        KubectlResult conflict = kubectl.runWithInput(
                        moreReplicas, "apply", "--server-side", "--field-manager=beta", "-f", "-")
                .assertFailure();

        assertThat(conflict.stderr()).contains("Apply failed with 1 conflict: conflict with \"alpha\": .spec.replicas");
        assertThat(getJson("deployment", "shared").at("/spec/replicas").asInt()).isEqualTo(2);

        kubectl.okWithInput(
                moreReplicas, "apply", "--server-side", "--field-manager=beta", "--force-conflicts", "-f", "-");

        JsonNode shared = getJson("deployment", "shared", "--show-managed-fields");
        assertThat(shared.at("/spec/replicas").asInt()).isEqualTo(5);
        Map<String, JsonNode> managers = new LinkedHashMap<>();
        shared.at("/metadata/managedFields")
                .forEach(m -> managers.put(m.path("manager").asText(), m));
        assertThat(managers).containsKeys("alpha", "beta");
        assertThat(managers.get("beta").path("operation").asText()).isEqualTo("Apply");
        assertThat(managers.get("beta").at("/fieldsV1/f:spec/f:replicas").isObject())
                .as("beta owns spec.replicas after forcing")
                .isTrue();
        assertThat(managers.get("alpha").at("/fieldsV1/f:spec/f:replicas").isMissingNode())
                .as("alpha lost spec.replicas to beta")
                .isTrue();
    }

    @Test
    void getPrintsYamlJsonJsonpathAndTheDeploymentColumns() throws IOException {
        kubectl.okWithInput(deployment("printed", 3), "create", "-f", "-");
        kubectl.ok(
                "patch",
                "deployment",
                "printed",
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"replicas\":3,\"readyReplicas\":2,\"updatedReplicas\":3,\"availableReplicas\":1}}");

        JsonNode json = JSON.readTree(
                kubectl.ok("get", "deployment", "printed", "-o", "json").stdout());
        assertThat(json.path("kind").asText()).isEqualTo("Deployment");
        assertThat(json.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(json.at("/metadata/name").asText()).isEqualTo("printed");
        assertThat(json.at("/spec/replicas").asInt()).isEqualTo(3);

        JsonNode yaml = YAML.readTree(
                kubectl.ok("get", "deployment", "printed", "-o", "yaml").stdout());
        assertThat(yaml).as("-o yaml prints the same object as -o json").isEqualTo(json);

        assertThat(kubectl.ok(
                                "get",
                                "deployment",
                                "printed",
                                "-o",
                                "jsonpath={.metadata.name}:{.spec.replicas}:{.status.readyReplicas}")
                        .stdout())
                .isEqualTo("printed:3:2");

        List<String> table =
                kubectl.ok("get", "deployment", "printed").stdout().lines().toList();
        assertThat(table).hasSize(2);
        assertThat(columns(table.get(0))).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
        assertThat(columns(table.get(1))).startsWith("printed", "2/3", "3", "1");
    }

    @Test
    void getWatchPrintsEventsInTheOrderTheyHappen() {
        try (KubectlBackground watch = kubectl.background(
                "get",
                "configmaps",
                "-l",
                "e2e=watch",
                "--watch",
                "--output-watch-events",
                "-o",
                "jsonpath={.type} {.object.metadata.name} {.object.data.v}{\"\\n\"}")) {
            // Once the marker is printed the watch is established: what follows must all arrive.
            kubectl.okWithInput(configMap("watch-marker", Map.of("e2e", "watch"), "0"), "create", "-f", "-");
            await().atMost(WAIT)
                    .untilAsserted(() ->
                            assertThat(watch.stdoutLines()).as(watch::describe).contains("ADDED watch-marker 0"));

            kubectl.okWithInput(configMap("watched", Map.of("e2e", "watch"), "1"), "create", "-f", "-");
            kubectl.ok("patch", "configmap", "watched", "--type=merge", "-p", "{\"data\":{\"v\":\"2\"}}");
            kubectl.ok("delete", "configmap", "watched");

            await().atMost(WAIT).untilAsserted(() -> {
                List<String> lines = watch.stdoutLines();
                assertThat(lines.subList(lines.indexOf("ADDED watch-marker 0") + 1, lines.size()))
                        .as(watch::describe)
                        .containsExactly("ADDED watched 1", "MODIFIED watched 2", "DELETED watched 2");
            });
            assertThat(watch.isAlive()).as("a watch runs until stopped").isTrue();
        }
    }

    @Test
    void labelAndAnnotateAddOverwriteAndRemove() {
        kubectl.okWithInput(configMap("tagged", Map.of(), "1"), "create", "-f", "-");

        kubectl.ok("label", "configmap", "tagged", "tier=front");
        KubectlResult refused = kubectl.run("label", "configmap", "tagged", "tier=back");
        refused.assertFailure();
        assertThat(refused.stderr()).contains("'tier' already has a value (front), and --overwrite is false");
        assertThat(getJson("configmap", "tagged").at("/metadata/labels/tier").asText())
                .isEqualTo("front");
        kubectl.ok("label", "configmap", "tagged", "tier=back", "--overwrite");
        assertThat(getJson("configmap", "tagged").at("/metadata/labels/tier").asText())
                .isEqualTo("back");
        kubectl.ok("label", "configmap", "tagged", "tier-");
        assertThat(getJson("configmap", "tagged").at("/metadata/labels/tier").isMissingNode())
                .isTrue();

        kubectl.ok("annotate", "configmap", "tagged", "example.com/owner=team-a");
        kubectl.run("annotate", "configmap", "tagged", "example.com/owner=team-b")
                .assertFailure();
        assertThat(getJson("configmap", "tagged")
                        .at("/metadata/annotations/example.com~1owner")
                        .asText())
                .isEqualTo("team-a");
        kubectl.ok("annotate", "configmap", "tagged", "example.com/owner=team-b", "--overwrite");
        assertThat(getJson("configmap", "tagged")
                        .at("/metadata/annotations/example.com~1owner")
                        .asText())
                .isEqualTo("team-b");
        kubectl.ok("annotate", "configmap", "tagged", "example.com/owner-");
        assertThat(getJson("configmap", "tagged")
                        .at("/metadata/annotations/example.com~1owner")
                        .isMissingNode())
                .isTrue();
    }

    @Test
    void scaleWritesSpecReplicasThroughTheScaleSubresource() {
        kubectl.okWithInput(deployment("scaled", 1), "create", "-f", "-");

        assertThat(kubectl.ok("scale", "deployment", "scaled", "--replicas=4").stdout())
                .contains("deployment.apps/scaled scaled");

        assertThat(getJson("deployment", "scaled").at("/spec/replicas").asInt()).isEqualTo(4);
        JsonNode scale = getJson("deployment", "scaled", "--subresource=scale");
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(scale.at("/status/selector").asText()).isEqualTo("app=scaled");

        KubectlResult precondition =
                kubectl.run("scale", "deployment", "scaled", "--current-replicas=2", "--replicas=9");
        precondition.assertFailure();
        assertThat(precondition.stderr()).contains("Expected replicas to be 2, was 4");
        assertThat(getJson("deployment", "scaled").at("/spec/replicas").asInt()).isEqualTo(4);
    }

    @Test
    void patchWithJsonMergeAndStrategicPatches() {
        kubectl.okWithInput(deployment("patched", 1), "create", "-f", "-");

        kubectl.ok(
                "patch",
                "deployment",
                "patched",
                "--type=json",
                "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":7},"
                        + "{\"op\":\"add\",\"path\":\"/metadata/labels/patched\",\"value\":\"json\"}]");
        JsonNode afterJson = getJson("deployment", "patched");
        assertThat(afterJson.at("/spec/replicas").asInt()).isEqualTo(7);
        assertThat(afterJson.at("/metadata/labels/patched").asText()).isEqualTo("json");

        // A merge patch replaces lists whole: the original container is gone.
        kubectl.ok(
                "patch",
                "deployment",
                "patched",
                "--type=merge",
                "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"side\",\"image\":\"busybox:1\"}]}}}}");
        assertThat(containerImages(getJson("deployment", "patched"))).isEqualTo(Map.of("side", "busybox:1"));

        // A strategic merge patch (kubectl's default) merges containers by name.
        kubectl.ok(
                "patch",
                "deployment",
                "patched",
                "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"extra\",\"image\":\"redis:7\"}]}}}}");
        kubectl.ok(
                "patch",
                "deployment",
                "patched",
                "--type=strategic",
                "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"side\",\"image\":\"busybox:2\"}]}}}}");
        assertThat(containerImages(getJson("deployment", "patched")))
                .isEqualTo(Map.of("side", "busybox:2", "extra", "redis:7"));
        assertThat(getJson("deployment", "patched").at("/spec/replicas").asInt())
                .isEqualTo(7);
    }

    @Test
    void patchTheStatusSubresourceOnlyChangesStatus() {
        kubectl.okWithInput(deployment("observed", 2), "create", "-f", "-");
        long generation =
                getJson("deployment", "observed").at("/metadata/generation").asLong();

        kubectl.ok(
                "patch",
                "deployment",
                "observed",
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"replicas\":2,\"readyReplicas\":1},\"spec\":{\"replicas\":9}}");

        JsonNode observed = getJson("deployment", "observed");
        assertThat(observed.at("/status/readyReplicas").asInt()).isEqualTo(1);
        assertThat(observed.at("/spec/replicas").asInt())
                .as("the status subresource ignores spec")
                .isEqualTo(2);
        assertThat(observed.at("/metadata/generation").asLong()).isEqualTo(generation);

        // And the main resource ignores status.
        kubectl.ok("patch", "deployment", "observed", "--type=merge", "-p", "{\"status\":{\"readyReplicas\":2}}");
        assertThat(getJson("deployment", "observed").at("/status/readyReplicas").asInt())
                .isEqualTo(1);
    }

    @Test
    void deleteWithoutWaitingLeavesAnObjectWithAFinalizerUntilItIsRemoved() {
        kubectl.okWithInput(withFinalizer(configMap("held", Map.of(), "1")), "create", "-f", "-");

        assertThat(kubectl.ok("delete", "configmap", "held", "--wait=false").stdout())
                .contains("configmap \"held\" deleted");

        JsonNode held = getJson("configmap", "held");
        assertThat(held.at("/metadata/deletionTimestamp").asText()).isNotEmpty();
        assertThat(held.at("/metadata/finalizers/0").asText()).isEqualTo("example.com/hold");

        kubectl.ok(
                "patch",
                "configmap",
                "held",
                "--type=json",
                "-p",
                "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");

        await().atMost(WAIT).untilAsserted(() -> assertNotFound("configmap", "held"));
    }

    @Test
    void deleteBlocksUntilAConcurrentPatchRemovesTheFinalizer() {
        kubectl.okWithInput(withFinalizer(configMap("blocking", Map.of(), "1")), "create", "-f", "-");

        try (KubectlBackground delete = kubectl.background("delete", "configmap", "blocking", "--timeout=60s")) {
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(getJson("configmap", "blocking")
                                    .at("/metadata/deletionTimestamp")
                                    .asText())
                            .isNotEmpty());
            assertThat(delete.isAlive())
                    .as("kubectl delete waits while the finalizer holds the object: %s", delete.describe())
                    .isTrue();

            kubectl.ok("patch", "configmap", "blocking", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");

            await().atMost(WAIT)
                    .untilAsserted(() ->
                            assertThat(delete.exitCode()).as(delete::describe).hasValue(0));
            assertThat(delete.stdout()).contains("configmap \"blocking\" deleted");
            assertNotFound("configmap", "blocking");
        }
    }

    @Test
    void discoveryListsTheNativeKindsAndExplainPrintsTheirDescriptions() {
        Map<String, List<String>> resources = new LinkedHashMap<>();
        kubectl.ok("api-resources", "--no-headers").stdout().lines().forEach(l -> {
            List<String> cols = columns(l);
            resources.put(cols.get(0) + "/" + cols.get(cols.size() - 3), cols);
        });
        assertThat(resources.get("deployments/apps/v1"))
                .containsExactly("deployments", "deploy", "apps/v1", "true", "Deployment");
        assertThat(resources.get("configmaps/v1")).containsExactly("configmaps", "cm", "v1", "true", "ConfigMap");
        assertThat(resources.get("namespaces/v1")).containsExactly("namespaces", "ns", "v1", "false", "Namespace");
        assertThat(resources.get("secrets/v1")).containsExactly("secrets", "v1", "true", "Secret");
        assertThat(resources)
                .containsKeys("services/v1", "jobs/batch/v1", "customresourcedefinitions/apiextensions.k8s.io/v1");

        assertThat(kubectl.ok("api-versions").stdout().lines())
                .contains("v1", "apps/v1", "batch/v1", "apiextensions.k8s.io/v1");

        String replicas = kubectl.ok("explain", "deployment.spec.replicas").stdout();
        assertThat(replicas).contains("KIND:       Deployment").contains("FIELD: replicas <integer>");
        assertThat(replicas.replaceAll("\\s+", " ")).contains("Number of desired pods.");
    }

    @Test
    void explainPrintsTheDescriptionOfACustomResourceField() {
        kubectl.ok("create", "-f", resource("crd-gauges.yaml"));
        kubectl.ok("wait", "--for", "condition=established", "crd/gauges.example.com", "--timeout=30s");

        await().atMost(WAIT).untilAsserted(() -> {
            String range = kubectl.ok("explain", "gauge.spec.range").stdout();
            assertThat(range).contains("KIND:       Gauge").contains("FIELD: range <integer>");
            assertThat(range.replaceAll("\\s+", " "))
                    .contains("The largest value the gauge shows before it saturates.");
        });
    }

    @Test
    void customResourceDefinitionServesItsKindAndTakesItsObjectsAlongWhenDeleted() {
        assertThat(kubectl.ok("create", "-f", resource("crd-widgets.yaml")).stdout())
                .contains("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created");
        assertThat(kubectl.ok("wait", "--for", "condition=established", "crd/widgets.example.com", "--timeout=30s")
                        .stdout())
                .contains("condition met");

        assertThat(kubectl.okWithInput(widget("small", 3, "red"), "apply", "-f", "-")
                        .stdout())
                .contains("widget.example.com/small created");
        kubectl.okWithInput(widget("large", 40, "blue"), "apply", "-f", "-");
        assertThat(kubectl.okWithInput(widget("large", 50, "blue"), "apply", "-f", "-")
                        .stdout())
                .contains("widget.example.com/large configured");

        List<String> table = kubectl.ok("get", "widgets").stdout().lines().toList();
        assertThat(columns(table.get(0))).containsExactly("NAME", "SIZE", "COLOR");
        assertThat(table.subList(1, table.size()).stream().map(KubectlE2E::columns))
                .containsExactlyInAnyOrder(List.of("large", "50", "blue"), List.of("small", "3", "red"));
        assertThat(kubectl.ok("get", "wdg", "small", "-o", "jsonpath={.spec.size}")
                        .stdout())
                .isEqualTo("3");

        kubectl.ok("delete", "crd", "widgets.example.com", "--timeout=60s");
        assertThat(kubectl.run("get", "crd", "widgets.example.com")
                        .assertFailure()
                        .stderr())
                .contains("NotFound");

        // The objects went with the definition: a new definition of the same kind starts empty.
        kubectl.ok("create", "-f", resource("crd-widgets.yaml"));
        kubectl.ok("wait", "--for", "condition=established", "crd/widgets.example.com", "--timeout=30s");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(kubectl.ok("get", "widgets", "--all-namespaces", "-o", "name")
                                .stdout())
                        .isEmpty());
        kubectl.ok("delete", "crd", "widgets.example.com", "--timeout=60s");
    }

    @Test
    void deletingANamespaceDeletesItsObjectsAndThenTheNamespace() {
        kubectl.okWithInput("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: doomed
                """, "create", "-f", "-");
        kubectl.okWithInput(configMap("settings", Map.of(), "1"), "create", "-n", "doomed", "-f", "-");
        kubectl.okWithInput(deployment("server", 1), "create", "-n", "doomed", "-f", "-");
        kubectl.okWithInput("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: token
                stringData:
                  token: s3cret
                """, "create", "-n", "doomed", "-f", "-");
        assertThat(kubectl.ok("get", "configmaps,deployments,secrets", "-n", "doomed", "-o", "name")
                        .stdout()
                        .lines())
                .containsExactlyInAnyOrder("configmap/settings", "deployment.apps/server", "secret/token");

        assertThat(kubectl.ok("delete", "namespace", "doomed", "--timeout=60s").stdout())
                .contains("namespace \"doomed\" deleted");

        assertNotFound("namespace", "doomed");
        assertThat(kubectl.ok(
                                "get",
                                "configmaps,deployments,secrets",
                                "--all-namespaces",
                                "--field-selector",
                                "metadata.namespace=doomed",
                                "-o",
                                "name")
                        .stdout())
                .isEmpty();
        KubectlResult refused =
                kubectl.runWithInput(configMap("late", Map.of(), "1"), "create", "-n", "doomed", "-f", "-");
        assertThat(refused.assertFailure().stderr()).contains("namespaces \"doomed\" not found");
    }

    @Test
    void chunkedListsReturnEveryObjectAndSelectorsFilter() {
        kubectl.okWithInput("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: paging
                """, "create", "-f", "-");
        StringBuilder five = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            five.append(deployment("page-" + i, 1)
                    .replace(
                            "  labels:\n    app: page-" + i,
                            "  labels:\n    app: page-" + i + "\n    parity: " + (i % 2 == 0 ? "even" : "odd")));
            five.append("---\n");
        }
        kubectl.okWithInput(five.toString(), "create", "-n", "paging", "-f", "-");

        KubectlResult chunked =
                kubectl.ok("get", "deployments", "-n", "paging", "--chunk-size=2", "-o", "name", "-v=6");
        assertThat(chunked.stdout().lines())
                .containsExactly(
                        "deployment.apps/page-1",
                        "deployment.apps/page-2",
                        "deployment.apps/page-3",
                        "deployment.apps/page-4",
                        "deployment.apps/page-5");
        List<String> listCalls = chunked.stderr()
                .lines()
                .filter(l -> l.contains("GET " + api.url() + "/apis/apps/v1/namespaces/paging/deployments?"))
                .toList();
        assertThat(listCalls).as(chunked::toString).hasSize(3).allMatch(l -> l.contains("limit=2"));
        assertThat(listCalls.stream().filter(l -> l.contains("continue="))).hasSize(2);

        List<String> table = kubectl.ok("get", "deployments", "-n", "paging", "--chunk-size=2")
                .stdout()
                .lines()
                .toList();
        assertThat(table).hasSize(6);
        assertThat(columns(table.get(0)).get(0)).isEqualTo("NAME");

        assertThat(kubectl.ok("get", "deployments", "-n", "paging", "-l", "parity=even", "-o", "name")
                        .stdout()
                        .lines())
                .containsExactly("deployment.apps/page-2", "deployment.apps/page-4");
        assertThat(kubectl.ok(
                                "get",
                                "deployments",
                                "-n",
                                "paging",
                                "-l",
                                "app in (page-1,page-5),parity=odd",
                                "-o",
                                "name")
                        .stdout()
                        .lines())
                .containsExactly("deployment.apps/page-1", "deployment.apps/page-5");
        assertThat(kubectl.ok(
                                "get",
                                "deployments",
                                "-n",
                                "paging",
                                "--field-selector",
                                "metadata.name=page-3",
                                "-o",
                                "name")
                        .stdout()
                        .lines())
                .containsExactly("deployment.apps/page-3");
        assertThat(kubectl.ok(
                                "get",
                                "deployments",
                                "-n",
                                "paging",
                                "--field-selector",
                                "metadata.name!=page-3",
                                "-l",
                                "parity=odd",
                                "--chunk-size=1",
                                "-o",
                                "name")
                        .stdout()
                        .lines())
                .containsExactly("deployment.apps/page-1", "deployment.apps/page-5");
    }

    /**
     * kubectl's generators ({@code create namespace|configmap|secret|deployment|service|job ...},
     * {@code run}) send their object as {@code application/vnd.kubernetes.protobuf}, which
     * kube-apiserver accepts for every built-in kind; the server decodes it into the JSON the same
     * object would have been sent as. {@code -v=8} shows the content type on the wire, so the test
     * cannot pass by kubectl falling back to JSON.
     */
    @Test
    void imperativeCreateCommandsSendProtobufAndWork() {
        KubectlResult namespace = kubectl.ok("create", "namespace", "imperative", "-v=8");
        assertThat(namespace.stderr())
                .as("the body went as protobuf")
                .contains("Content-Type: application/vnd.kubernetes.protobuf");
        kubectl.ok("create", "configmap", "settings", "-n", "imperative", "--from-literal=mode=fast");
        kubectl.ok("create", "secret", "generic", "token", "-n", "imperative", "--from-literal=token=s3cret");
        kubectl.ok("create", "deployment", "server", "-n", "imperative", "--image=nginx:1.27", "--replicas=2");
        kubectl.ok("create", "deployment", "parked", "-n", "imperative", "--image=nginx:1.27", "--replicas=0");
        kubectl.ok("create", "service", "clusterip", "web", "-n", "imperative", "--tcp=80:8080");
        kubectl.ok("create", "serviceaccount", "robot", "-n", "imperative");
        kubectl.ok("create", "job", "once", "-n", "imperative", "--image=busybox:1.36", "--", "echo", "hi");
        kubectl.ok("create", "cronjob", "nightly", "-n", "imperative", "--image=busybox:1.36", "--schedule=0 3 * * *");
        kubectl.ok("create", "quota", "small", "-n", "imperative", "--hard=cpu=1,memory=1Gi,pods=10");
        kubectl.ok("run", "shell", "-n", "imperative", "--image=busybox:1.36", "--restart=Never", "--", "sleep", "1");
        kubectl.ok("expose", "deployment", "server", "-n", "imperative", "--port=80", "--target-port=8080");

        assertThat(getJson("namespace", "imperative").at("/metadata/uid").asText())
                .isNotEmpty();
        assertThat(getJson("configmap", "settings", "-n", "imperative")
                        .at("/data/mode")
                        .asText())
                .isEqualTo("fast");
        assertThat(getJson("secret", "token", "-n", "imperative")
                        .at("/data/token")
                        .asText())
                .isEqualTo("czNjcmV0");
        JsonNode server = getJson("deployment", "server", "-n", "imperative");
        assertThat(server.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(containerImages(server)).isEqualTo(Map.of("nginx", "nginx:1.27"));
        assertThat(server.at("/spec/template/spec/containers/0").has("stdin"))
                .as("Go's zero values tagged omitempty stay out, as in the JSON kubectl would send")
                .isFalse();
        assertThat(getJson("deployment", "parked", "-n", "imperative")
                        .at("/spec/replicas")
                        .asInt(-1))
                .as("an explicit zero survives: it is no absent field")
                .isZero();
        JsonNode web = getJson("service", "web", "-n", "imperative");
        assertThat(web.at("/spec/ports/0/port").asInt()).isEqualTo(80);
        assertThat(web.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
        assertThat(web.at("/spec/selector/app").asText()).isEqualTo("web");
        assertThat(getJson("serviceaccount", "robot", "-n", "imperative")
                        .at("/metadata/name")
                        .asText())
                .isEqualTo("robot");
        assertThat(getJson("job", "once", "-n", "imperative").at("/spec/template/spec/containers/0/command"))
                .extracting(JsonNode::asText)
                .containsExactly("echo", "hi");
        assertThat(getJson("cronjob", "nightly", "-n", "imperative")
                        .at("/spec/schedule")
                        .asText())
                .isEqualTo("0 3 * * *");
        assertThat(getJson("resourcequota", "small", "-n", "imperative")
                        .at("/spec/hard/memory")
                        .asText())
                .isEqualTo("1Gi");
        assertThat(getJson("pod", "shell", "-n", "imperative")
                        .at("/spec/restartPolicy")
                        .asText())
                .isEqualTo("Never");
        JsonNode exposed = getJson("service", "server", "-n", "imperative");
        assertThat(exposed.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
        assertThat(exposed.at("/spec/selector/app").asText()).isEqualTo("server");
    }

    private static JsonNode getJson(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "get";
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "-o";
        command[args.length + 2] = "json";
        try {
            return JSON.readTree(kubectl.ok(command).stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNotFound(String resource, String name) {
        KubectlResult r = kubectl.run("get", resource, name);
        assertThat(r.exitCode()).as(r::toString).isNotZero();
        assertThat(r.stderr()).as(r::toString).contains("NotFound");
    }

    private static Map<String, String> containerImages(JsonNode deployment) {
        Map<String, String> images = new LinkedHashMap<>();
        deployment
                .at("/spec/template/spec/containers")
                .forEach(
                        c -> images.put(c.path("name").asText(), c.path("image").asText()));
        return images;
    }

    private static List<String> columns(String line) {
        return Arrays.asList(SPACES.split(line.trim()));
    }

    private static String deployment(String name, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  labels:
                    app: %1$s
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      containers:
                      - name: app
                        image: nginx:1.27
                """.formatted(name, replicas);
    }

    private static String configMap(String name, Map<String, String> labels, String value) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n");
        if (!labels.isEmpty()) {
            yaml.append("  labels:\n");
            labels.forEach((k, v) ->
                    yaml.append("    ").append(k).append(": ").append(v).append('\n'));
        }
        return yaml.append("data:\n  v: \"").append(value).append("\"\n").toString();
    }

    private static String withFinalizer(String yaml) {
        return yaml.replace("metadata:\n", "metadata:\n  finalizers:\n  - example.com/hold\n");
    }

    private static String widget(String name, int size, String color) {
        return """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: %s
                spec:
                  size: %d
                  color: %s
                """.formatted(name, size, color);
    }

    private static String resource(String name) {
        URL url = KubectlE2E.class.getResource("/kubectl/" + name);
        if (url == null) {
            throw new IllegalStateException("no test resource kubectl/" + name);
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
