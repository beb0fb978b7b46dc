package io.meridian.it.apiserver.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.it.apiserver.kubectl.Kubectl;
import io.meridian.it.apiserver.kubectl.KubectlResult;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input, answered as kube-apiserver answers it: the HTTP status, the {@code Status} body's
 * reason (and field causes for 422), one readable error line from kubectl where kubectl sends the
 * request, plain HTTP where kubectl would refuse it itself, and after each refusal proof that
 * nothing was stored.
 */
class BadInputE2E {

    @RegisterExtension
    @Order(1)
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static final ApiServerExtension api = ApiServerExtension.on(etcd);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "bad-input";
    private static final String CONFIGMAPS = "/api/v1/namespaces/" + NS + "/configmaps";
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/" + NS + "/deployments";
    private static final String GIZMOS = "/apis/example.com/v1/namespaces/" + NS + "/gizmos";
    private static final int MIB = 1024 * 1024;

    private static Kubectl kubectl;
    private static ApiHttp http;
    private static Path workDir;

    @BeforeAll
    static void setUp() {
        workDir =
                Path.of("target", "kubectl", BadInputE2E.class.getSimpleName()).toAbsolutePath();
        kubectl = Kubectl.forServer(api.server(), workDir);
        http = new ApiHttp(api.url());
        kubectl.okWithInput("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + NS + "\n", "create", "-f", "-");
        kubectl.ok("create", "-f", resource("crd-gizmos.yaml"));
        kubectl.ok("wait", "--for", "condition=established", "crd/gizmos.example.com", "--timeout=30s");
    }

    @Test
    void malformedJsonIsABadRequest() {
        String body =
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"broken-json\"},\"data\":{\"a\":";

        JsonNode status = assertStatus(http.post(CONFIGMAPS, "application/json", body), 400, "BadRequest");
        assertThat(status.path("message").asText()).isNotEmpty();

        // kubectl does not even send it.
        Path file = write("broken.json", body);
        KubectlResult refused = kubectl.run("create", "-n", NS, "-f", file.toString(), "-v=6");
        refused.assertFailure();
        assertThat(refused.stderr()).doesNotContain("POST " + api.url());

        assertNotStored(CONFIGMAPS, "broken-json");
    }

    @Test
    void malformedYamlIsABadRequest() {
        String body = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken-yaml\ndata: [unclosed\n";

        JsonNode status = assertStatus(http.post(CONFIGMAPS, "application/yaml", body), 400, "BadRequest");
        assertThat(status.path("message").asText()).isNotEmpty();

        assertNotStored(CONFIGMAPS, "broken-yaml");
    }

    @Test
    void aWronglyTypedFieldOfANativeKindIsInvalidWithItsFieldCause() {
        KubectlResult refused =
                kubectl.runWithInput(deploymentYaml("wrong-type", "\"three\""), "create", "-n", NS, "-f", "-");
        assertOneErrorLine(
                refused,
                "The Deployment \"wrong-type\" is invalid: spec.replicas: Invalid value: \"string\": spec.replicas in"
                        + " body must be of type integer: \"string\"");

        JsonNode status = assertStatus(
                http.post(DEPLOYMENTS, "application/json", deploymentJson("wrong-type-http", "\"three\"")),
                422,
                "Invalid");
        assertThat(status.at("/details/name").asText()).isEqualTo("wrong-type-http");
        assertThat(status.at("/details/group").asText()).isEqualTo("apps");
        assertThat(status.at("/details/kind").asText()).isEqualTo("Deployment");
        assertThat(causes(status)).containsExactly("FieldValueTypeInvalid spec.replicas");

        assertNotStored(DEPLOYMENTS, "wrong-type");
        assertNotStored(DEPLOYMENTS, "wrong-type-http");
    }

    @Test
    void anInvalidNameIsInvalid() {
        KubectlResult refused = kubectl.runWithInput(configMapYaml("Not_Valid", "1"), "create", "-n", NS, "-f", "-");
        assertOneErrorLine(
                refused,
                "The ConfigMap \"Not_Valid\" is invalid: metadata.name: Invalid value: \"Not_Valid\": "
                        + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters");

        JsonNode status = assertStatus(
                http.post(
                        CONFIGMAPS,
                        "application/json",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"," + "\"metadata\":{\"name\":\"Not_Valid\"}}"),
                422,
                "Invalid");
        assertThat(causes(status)).containsExactly("FieldValueInvalid metadata.name");

        assertNotStored(CONFIGMAPS, "Not_Valid");
    }

    @Test
    void anUnknownFieldUnderStrictValidationIsABadRequest() {
        KubectlResult refused = kubectl.runWithInput(
                deploymentYaml("strict", "1").replace("  replicas: 1\n", "  replicas: 1\n  foo: 1\n"),
                "create",
                "-n",
                NS,
                "--validate=strict",
                "-f",
                "-");
        assertOneErrorLine(
                refused,
                "Error from server (BadRequest): error when creating \"STDIN\": strict decoding error: unknown field"
                        + " \"spec.foo\"");

        JsonNode status = assertStatus(
                http.post(
                        DEPLOYMENTS + "?fieldValidation=Strict",
                        "application/json",
                        withUnknownSpecField(deploymentJson("strict-http", "1"))),
                400,
                "BadRequest");
        assertThat(status.path("message").asText()).isEqualTo("strict decoding error: unknown field \"spec.foo\"");

        assertNotStored(DEPLOYMENTS, "strict");
        assertNotStored(DEPLOYMENTS, "strict-http");
    }

    @Test
    void anUnknownFieldUnderWarnValidationIsDroppedWithAWarning() {
        ApiHttp.Response created = http.post(
                DEPLOYMENTS + "?fieldValidation=Warn",
                "application/json",
                withUnknownSpecField(deploymentJson("warned-http", "1")));
        assertThat(created.status()).as(created::toString).isEqualTo(201);
        assertThat(created.headers().allValues("Warning")).containsExactly("299 - \"unknown field \\\"spec.foo\\\"\"");
        JsonNode stored = http.get(DEPLOYMENTS + "/warned-http").json();
        assertThat(stored.at("/spec/foo").isMissingNode()).isTrue();
        assertThat(stored.at("/spec/replicas").asInt()).isEqualTo(1);

        KubectlResult warned = kubectl.runWithInput(
                        deploymentYaml("warned", "1").replace("  replicas: 1\n", "  replicas: 1\n  foo: 1\n"),
                        "create",
                        "-n",
                        NS,
                        "--validate=warn",
                        "-f",
                        "-")
                .assertSuccess();
        assertThat(warned.stderrLines()).containsExactly("Warning: unknown field \"spec.foo\"");
        assertThat(http.get(DEPLOYMENTS + "/warned").json().at("/spec/foo").isMissingNode())
                .isTrue();
    }

    @Test
    void aBodyOverThreeMebibytesIsTooLarge() {
        String body = configMapJson("huge", "x".repeat(3 * MIB + 1024));
        Path file = write("huge.json", body);

        KubectlResult refused = kubectl.run("create", "-n", NS, "-f", file.toString());
        assertOneErrorLine(
                refused,
                "Error from server (RequestEntityTooLarge): error when creating \"" + file
                        + "\": Request entity too large: limit is 3145728");

        JsonNode status = assertStatus(http.post(CONFIGMAPS, "application/json", body), 413, "RequestEntityTooLarge");
        assertThat(status.path("message").asText()).isEqualTo("Request entity too large: limit is 3145728");

        assertNotStored(CONFIGMAPS, "huge");
    }

    @Test
    void anObjectOverOneAndAHalfMebibytesIsTooLargeToStore() {
        String body = configMapJson("big", "x".repeat(MIB + 600 * 1024));
        assertThat(body.length()).isBetween(MIB + MIB / 2, 3 * MIB);
        Path file = write("big.json", body);

        KubectlResult refused = kubectl.run("create", "-n", NS, "-f", file.toString());
        assertOneErrorLine(
                refused, "Error from server (RequestEntityTooLarge): error when creating \"" + file + "\": ");
        assertThat(refused.stderr()).contains("1572864");

        JsonNode status = assertStatus(http.post(CONFIGMAPS, "application/json", body), 413, "RequestEntityTooLarge");
        assertThat(status.path("message").asText()).contains("1572864");

        assertNotStored(CONFIGMAPS, "big");
    }

    @Test
    void anUpdateWithAStaleResourceVersionIsAConflict() {
        kubectl.okWithInput(configMapYaml("versioned", "1"), "create", "-n", NS, "-f", "-");
        ObjectNode stale = (ObjectNode) http.get(CONFIGMAPS + "/versioned").json();
        kubectl.ok("patch", "configmap", "versioned", "-n", NS, "--type=merge", "-p", "{\"data\":{\"v\":\"2\"}}");
        JsonNode current = http.get(CONFIGMAPS + "/versioned").json();
        assertThat(current.at("/metadata/resourceVersion")).isNotEqualTo(stale.at("/metadata/resourceVersion"));
        ((ObjectNode) stale.path("data")).put("v", "3");

        KubectlResult refused = kubectl.runWithInput(stale.toString(), "replace", "-n", NS, "-f", "-");
        assertOneErrorLine(
                refused,
                "Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on"
                        + " configmaps \"versioned\": the object has been modified; please apply your changes to the"
                        + " latest version and try again");

        JsonNode status = assertStatus(
                http.put(CONFIGMAPS + "/versioned", "application/json", stale.toString()), 409, "Conflict");
        assertThat(status.at("/details/name").asText()).isEqualTo("versioned");

        assertThat(http.get(CONFIGMAPS + "/versioned").json()).isEqualTo(current);
    }

    @Test
    void aCreateInAMissingNamespaceIsNotFound() {
        KubectlResult refused =
                kubectl.runWithInput(configMapYaml("homeless", "1"), "create", "-n", "nowhere", "-f", "-");
        assertOneErrorLine(
                refused,
                "Error from server (NotFound): error when creating \"STDIN\": namespaces \"nowhere\" not found");

        JsonNode status = assertStatus(
                http.post("/api/v1/namespaces/nowhere/configmaps", "application/json", configMapJson("homeless", "1")),
                404,
                "NotFound");
        assertThat(status.at("/details/kind").asText()).isEqualTo("namespaces");
        assertThat(status.at("/details/name").asText()).isEqualTo("nowhere");

        assertThat(http.get("/api/v1/configmaps?fieldSelector=metadata.namespace%3Dnowhere")
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(http.get("/api/v1/namespaces/nowhere").status()).isEqualTo(404);
    }

    @Test
    void aCreateOfAnExistingNameIsAlreadyExists() {
        kubectl.okWithInput(configMapYaml("taken", "1"), "create", "-n", NS, "-f", "-");
        JsonNode before = http.get(CONFIGMAPS + "/taken").json();

        KubectlResult refused = kubectl.runWithInput(configMapYaml("taken", "2"), "create", "-n", NS, "-f", "-");
        assertOneErrorLine(
                refused,
                "Error from server (AlreadyExists): error when creating \"STDIN\": configmaps \"taken\" already exists");

        JsonNode status = assertStatus(
                http.post(CONFIGMAPS, "application/json", configMapJson("taken", "3")), 409, "AlreadyExists");
        assertThat(status.at("/details/name").asText()).isEqualTo("taken");

        assertThat(http.get(CONFIGMAPS + "/taken").json()).isEqualTo(before);
    }

    @Test
    void aPatchWithAnUnsupportedContentTypeIsUnsupportedMediaType() {
        kubectl.okWithInput(configMapYaml("patchable", "1"), "create", "-n", NS, "-f", "-");
        JsonNode before = http.get(CONFIGMAPS + "/patchable").json();

        for (String contentType : List.of("text/plain", "application/json")) {
            JsonNode status = assertStatus(
                    http.patch(CONFIGMAPS + "/patchable", contentType, "{\"data\":{\"v\":\"2\"}}"),
                    415,
                    "UnsupportedMediaType");
            assertThat(status.path("message").asText())
                    .startsWith("the body of the request was in an unknown format - accepted media types include: ")
                    .contains("application/strategic-merge-patch+json");
        }

        assertThat(http.get(CONFIGMAPS + "/patchable").json()).isEqualTo(before);
    }

    @Test
    void aStrategicMergePatchOfACustomResourceIsUnsupportedMediaType() {
        kubectl.okWithInput(gizmoYaml("steady", "size: 2"), "create", "-n", NS, "-f", "-");
        JsonNode before = http.get(GIZMOS + "/steady").json();

        KubectlResult refused = kubectl.run("patch", "gizmo", "steady", "-n", NS, "-p", "{\"spec\":{\"size\":3}}");
        assertOneErrorLine(
                refused,
                "error: application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Gizmo: the body"
                        + " of the request was in an unknown format - accepted media types include:"
                        + " application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");

        assertStatus(
                http.patch(GIZMOS + "/steady", "application/strategic-merge-patch+json", "{\"spec\":{\"size\":3}}"),
                415,
                "UnsupportedMediaType");

        assertThat(http.get(GIZMOS + "/steady").json()).isEqualTo(before);
    }

    @Test
    void aCustomResourceViolatingItsSchemaIsInvalidWithCauses() {
        assertOneErrorLine(
                kubectl.runWithInput(gizmoYaml("typed", "size: big"), "create", "-n", NS, "-f", "-"),
                "The Gizmo \"typed\" is invalid: spec.size: Invalid value: \"string\": spec.size in body must be of"
                        + " type integer: \"string\"");
        assertOneErrorLine(
                kubectl.runWithInput(gizmoYaml("sizeless", "color: red"), "create", "-n", NS, "-f", "-"),
                "The Gizmo \"sizeless\" is invalid: spec.size: Required value");
        assertOneErrorLine(
                kubectl.runWithInput(gizmoYaml("purple", "size: 1\n  color: purple"), "create", "-n", NS, "-f", "-"),
                "The Gizmo \"purple\" is invalid: spec.color: Unsupported value: \"purple\": supported values:"
                        + " \"red\", \"green\", \"blue\"");

        JsonNode status = assertStatus(
                http.post(
                        GIZMOS,
                        "application/json",
                        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Gizmo\",\"metadata\":{\"name\":\"all-wrong\"},"
                                + "\"spec\":{\"color\":\"purple\",\"label\":5}}"),
                422,
                "Invalid");
        assertThat(status.at("/details/group").asText()).isEqualTo("example.com");
        assertThat(status.at("/details/kind").asText()).isEqualTo("Gizmo");
        assertThat(causes(status))
                .containsExactlyInAnyOrder(
                        "FieldValueRequired spec.size",
                        "FieldValueNotSupported spec.color",
                        "FieldValueTypeInvalid spec.label");

        for (String name : List.of("typed", "sizeless", "purple", "all-wrong")) {
            assertNotStored(GIZMOS, name);
        }
    }

    /** The answer is a kube {@code Status} failure with this code and reason; returns its body. */
    private static JsonNode assertStatus(ApiHttp.Response response, int code, String reason) {
        assertThat(response.status()).as(response::toString).isEqualTo(code);
        JsonNode status = response.json();
        assertThat(status.path("kind").asText()).as(response::toString).isEqualTo("Status");
        assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(status.path("status").asText()).isEqualTo("Failure");
        assertThat(status.path("code").asInt()).isEqualTo(code);
        assertThat(status.path("reason").asText()).isEqualTo(reason);
        return status;
    }

    /** kubectl failed and said so in one line that starts with {@code expected}. */
    private static void assertOneErrorLine(KubectlResult result, String expected) {
        result.assertFailure();
        assertThat(result.stderrLines()).as(result::toString).hasSize(1);
        assertThat(result.stderrLines().get(0)).as(result::toString).startsWith(expected);
    }

    /** Neither a read of the name nor the collection's list shows the object. */
    private static void assertNotStored(String collection, String name) {
        assertThat(http.get(collection + "/" + name).status()).isEqualTo(404);
        List<String> names = new ArrayList<>();
        http.get(collection)
                .json()
                .path("items")
                .forEach(i -> names.add(i.at("/metadata/name").asText()));
        assertThat(names).doesNotContain(name);
    }

    private static List<String> causes(JsonNode status) {
        List<String> causes = new ArrayList<>();
        status.at("/details/causes")
                .forEach(c -> causes.add(
                        c.path("reason").asText() + " " + c.path("field").asText()));
        return causes;
    }

    private static String configMapYaml(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  v: \"" + value + "\"\n";
    }

    private static String configMapJson(String name, String value) {
        ObjectNode cm = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", name);
        cm.putObject("data").put("v", value);
        return cm.toString();
    }

    private static String deploymentYaml(String name, String replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: %2$s
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

    private static String deploymentJson(String name, String replicas) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%1$s"},"spec":{"replicas":%2$s,\
                "selector":{"matchLabels":{"app":"%1$s"}},"template":{"metadata":{"labels":{"app":"%1$s"}},\
                "spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}}""".formatted(name, replicas);
    }

    private static String withUnknownSpecField(String deploymentJson) {
        return deploymentJson.replace("\"spec\":{\"replicas\"", "\"spec\":{\"foo\":1,\"replicas\"");
    }

    private static String gizmoYaml(String name, String spec) {
        return "apiVersion: example.com/v1\nkind: Gizmo\nmetadata:\n  name: " + name + "\nspec:\n  " + spec + "\n";
    }

    private static Path write(String name, String content) {
        try {
            return Files.writeString(workDir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        URL url = BadInputE2E.class.getResource("/badinput/" + name);
        if (url == null) {
            throw new IllegalStateException("no test resource badinput/" + name);
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
