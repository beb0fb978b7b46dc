package io.meridian.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.apiserver.crd.ServedKinds;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.resource.Json;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {

    private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "patch");

    private final ServedKinds kinds = ServedKinds.nativesAndWidgets(Clock.systemUTC());
    private final OpenApiDocuments docs = new OpenApiDocuments(kinds.registry(), kinds.catalog(), "v1.32.0");

    @Test
    void theRootPointsAtOneDocumentPerGroupVersionByContentHash() throws Exception {
        JsonNode root = read(docs.root());

        List<String> keys = new ArrayList<>();
        root.path("paths").fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .contains("api/v1", "apis/apps/v1", "apis/batch/v1", "apis/example.com/v1", "apis/example.com/v1beta1")
                .isSorted();
        for (String key : keys) {
            byte[] doc = docs.document(key).orElseThrow();
            String hash = HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-512").digest(doc));
            assertThat(root.path("paths").path(key).path("serverRelativeURL").asText())
                    .isEqualTo("/openapi/v3/" + key + "?hash=" + hash);
            assertThat(docs.hash(key)).contains(hash);
        }
        assertThat(docs.document("apis/nothing.example.com/v1")).isEmpty();
    }

    @Test
    void aDocumentHasTheCollectionItemAndSubresourcePathsOfItsKinds() {
        JsonNode apps = document("apis/apps/v1");

        assertThat(apps.path("openapi").asText()).startsWith("3.0");
        assertThat(apps.path("info").path("version").asText()).isEqualTo("v1.32.0");
        assertThat(apps.path("paths").has("/apis/apps/v1/namespaces/{namespace}/deployments"))
                .isTrue();
        assertThat(apps.path("paths").has("/apis/apps/v1/namespaces/{namespace}/deployments/{name}"))
                .isTrue();
        assertThat(apps.path("paths").has("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status"))
                .isTrue();
        assertThat(apps.path("paths").has("/apis/apps/v1/deployments"))
                .as("list across namespaces")
                .isTrue();
        assertThat(document("api/v1").path("paths").has("/api/v1/namespaces/{name}"))
                .isTrue();
        JsonNode post = apps.path("paths")
                .path("/apis/apps/v1/namespaces/{namespace}/deployments")
                .path("post");
        assertThat(post.path("requestBody")
                        .path("content")
                        .path("*/*")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/io.k8s.api.apps.v1.Deployment");
        assertThat(post.path("x-kubernetes-action").asText()).isEqualTo("post");
    }

    @Test
    void everyPatchDeclaresFieldValidationItsPatchTypesAndItsGroupVersionKind() {
        int patches = 0;
        for (String key : keys()) {
            JsonNode doc = document(key);
            for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
                JsonNode patch = path.getValue().path("patch");
                if (patch.isMissingNode()) {
                    continue;
                }
                patches++;
                assertThat(parameterNames(patch))
                        .as("%s PATCH", path.getKey())
                        .contains("fieldValidation", "fieldManager", "dryRun", "force", "name");
                JsonNode gvk = patch.path("x-kubernetes-group-version-kind");
                boolean nativeKind = kinds.registry()
                        .findKind(new GroupVersionKind(
                                gvk.path("group").asText(),
                                gvk.path("version").asText(),
                                gvk.path("kind").asText()))
                        .map(kinds.registry()::isNative)
                        .orElseThrow(() -> new AssertionError("not served: " + gvk));
                List<String> patchTypes = new ArrayList<>(List.of(
                        "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"));
                if (nativeKind) {
                    // custom resources take no strategic merge patch, and kubectl must not be told they do
                    patchTypes.add("application/strategic-merge-patch+json");
                }
                assertThat(patch.path("requestBody").path("content").properties())
                        .as("%s PATCH media types", path.getKey())
                        .extracting(Map.Entry::getKey)
                        .containsExactlyInAnyOrderElementsOf(patchTypes);
                assertThat(gvk.path("kind").asText())
                        .as("%s PATCH kind", path.getKey())
                        .isNotEmpty();
                String expectedPrefix = gvk.path("group").asText().isEmpty()
                        ? "/api/" + gvk.path("version").asText() + "/"
                        : "/apis/" + gvk.path("group").asText() + "/"
                                + gvk.path("version").asText() + "/";
                assertThat(path.getKey()).startsWith(expectedPrefix);
            }
        }
        assertThat(patches).isGreaterThan(20);
    }

    @Test
    void everyOperationNamesItsGroupVersionKind() {
        JsonNode widgets = document("apis/example.com/v1");

        for (Map.Entry<String, JsonNode> path : widgets.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                assertThat(VERBS).contains(op.getKey());
                JsonNode gvk = op.getValue().path("x-kubernetes-group-version-kind");
                assertThat(gvk.path("group").asText()).isEqualTo("example.com");
                assertThat(gvk.path("version").asText()).isEqualTo("v1");
                assertThat(gvk.path("kind").asText()).isEqualTo("Widget");
            }
        }
    }

    @Test
    void everyReferenceOfEveryDocumentResolvesInItsComponents() {
        for (String key : keys()) {
            JsonNode doc = document(key);
            JsonNode schemas = doc.path("components").path("schemas");
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);

            assertThat(refs).as(key).isNotEmpty();
            assertThat(refs).as("references of %s", key).allSatisfy(ref -> {
                assertThat(ref).startsWith("#/components/schemas/");
                assertThat(schemas.has(ref.substring("#/components/schemas/".length())))
                        .as("%s resolves", ref)
                        .isTrue();
            });
        }
    }

    @Test
    void aCustomResourceSchemaIsPublishedWithObjectMetaAndItsGroupVersionKind() {
        JsonNode widget = document("apis/example.com/v1")
                .path("components")
                .path("schemas")
                .path("com.example.v1.Widget");

        assertThat(widget.path("properties").path("spec").path("properties").has("size"))
                .isTrue();
        assertThat(widget.path("properties")
                        .path("metadata")
                        .path("allOf")
                        .path(0)
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(widget.path("x-kubernetes-group-version-kind")
                        .path(0)
                        .path("kind")
                        .asText())
                .isEqualTo("Widget");
        assertThat(document("apis/example.com/v1")
                        .path("components")
                        .path("schemas")
                        .has("com.example.v1.WidgetList"))
                .isTrue();
    }

    @Test
    void followsTheRegistry() {
        String before = docs.hash("apis/example.com/v1").orElseThrow();
        assertThat(docs.hash("apis/example.com/v1")).contains(before);

        kinds.registry().unregister("crd:widgets.example.com");

        assertThat(docs.document("apis/example.com/v1")).isEmpty();
        assertThat(read(docs.root()).path("paths").has("apis/example.com/v1")).isFalse();
        assertThat(read(docs.root()).path("paths").has("apis/apps/v1")).isTrue();
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        read(docs.root()).path("paths").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private JsonNode document(String key) {
        return read(docs.document(key).orElseThrow(() -> new AssertionError("no document " + key)));
    }

    private static List<String> parameterNames(JsonNode op) {
        List<String> names = new ArrayList<>();
        op.path("parameters").forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    private static void collectRefs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                into.add(ref.asText());
            }
        }
        node.forEach(child -> collectRefs(child, into));
    }

    private static JsonNode read(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
