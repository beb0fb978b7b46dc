package io.meridian.apiserver.openapi.nativegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meridian.apiserver.schema.SchemaNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Facts about the committed native OpenAPI documents that break if their generation breaks. */
class NativeOpenApiDocumentsTest {

    static final String BASE = "/openapi/native/";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonNode> CACHE = new HashMap<>();

    static JsonNode resource(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            try (InputStream in = NativeOpenApiDocumentsTest.class.getResourceAsStream(BASE + f)) {
                assertThat(in).as("classpath resource %s%s", BASE, f).isNotNull();
                return MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static List<JsonNode> groupVersions() {
        List<JsonNode> out = new ArrayList<>();
        resource("index.json").path("groupVersions").forEach(out::add);
        return out;
    }

    /** The schema {@code definition} of {@code file}, resolving references within the same document. */
    static SchemaNode schema(String file, String definition) {
        JsonNode schemas = resource(file).path("components").path("schemas");
        SchemaNode.RefResolver resolver = ref -> schemas.get(ref.substring("#/components/schemas/".length()));
        return SchemaNode.of(schemas.get(definition), resolver);
    }

    private static SchemaNode path(SchemaNode root, String... steps) {
        SchemaNode current = root;
        for (String step : steps) {
            current = step.equals("[]") ? current.items() : current.property(step);
            assertThat(current).as("step %s", step).isNotNull();
        }
        return current;
    }

    private static SchemaNode deployment() {
        return schema("apis__apps__v1.json", "io.k8s.api.apps.v1.Deployment");
    }

    @Test
    void containersMergeByNameInPatchesAndApply() {
        SchemaNode containers = path(deployment(), "spec", "template", "spec", "containers");

        assertThat(containers.type()).isEqualTo("array");
        assertThat(containers.patchStrategy()).isEqualTo("merge");
        assertThat(containers.patchMergeKey()).isEqualTo("name");
        assertThat(containers.listType()).isEqualTo("map");
        assertThat(containers.listMapKeys()).containsExactly("name");
        assertThat(containers.items().required()).contains("name");
    }

    @Test
    void containerPortsAreKeyedByPortAndProtocol() {
        SchemaNode ports = path(deployment(), "spec", "template", "spec", "containers", "[]", "ports");

        assertThat(ports.listType()).isEqualTo("map");
        assertThat(ports.listMapKeys()).containsExactly("containerPort", "protocol");
        assertThat(ports.patchMergeKey()).isEqualTo("containerPort");
        assertThat(ports.items().required()).contains("containerPort");
        // server-side apply needs the protocol key even when a manifest leaves it out
        assertThat(ports.items().property("protocol").raw().path("default").asText())
                .isEqualTo("TCP");
    }

    @Test
    void servicePortsMergeByPort() {
        SchemaNode ports = path(schema("api__v1.json", "io.k8s.api.core.v1.Service"), "spec", "ports");

        assertThat(ports.patchStrategy()).isEqualTo("merge");
        assertThat(ports.patchMergeKey()).isEqualTo("port");
        assertThat(ports.listMapKeys()).containsExactly("port", "protocol");
    }

    @Test
    void metadataListsFollowUpstreamMarkers() {
        SchemaNode metadata = path(deployment(), "metadata");

        SchemaNode finalizers = metadata.property("finalizers");
        assertThat(finalizers.listType()).isEqualTo("set");
        assertThat(finalizers.patchStrategy()).isEqualTo("merge");
        assertThat(finalizers.items().type()).isEqualTo("string");

        SchemaNode owners = metadata.property("ownerReferences");
        assertThat(owners.patchMergeKey()).isEqualTo("uid");
        assertThat(owners.listType()).isEqualTo("map");
        assertThat(owners.listMapKeys()).containsExactly("uid");
        assertThat(owners.items().mapType()).isEqualTo("atomic");
        assertThat(owners.items().required()).containsExactlyInAnyOrder("apiVersion", "kind", "name", "uid");

        assertThat(metadata.property("labels").additionalProperties().type()).isEqualTo("string");
        assertThat(metadata.property("managedFields").listType()).isEqualTo("atomic");
    }

    @Test
    void timestampsAreDateTimeStrings() {
        SchemaNode created = path(deployment(), "metadata", "creationTimestamp");

        assertThat(created.type()).isEqualTo("string");
        assertThat(created.format()).isEqualTo("date-time");
        assertThat(created.description()).contains("CreationTimestamp");
        SchemaNode renew = path(
                schema("apis__coordination.k8s.io__v1.json", "io.k8s.api.coordination.v1.Lease"), "spec", "renewTime");
        assertThat(renew.format()).isEqualTo("date-time");
        SchemaNode managedTime = path(deployment(), "metadata", "managedFields", "[]", "time");
        assertThat(managedTime.format()).isEqualTo("date-time");
    }

    @Test
    void intOrStringAndQuantityAcceptBothForms() {
        SchemaNode maxSurge = path(deployment(), "spec", "strategy", "rollingUpdate", "maxSurge");
        assertThat(maxSurge.intOrString()).isTrue();
        assertThat(maxSurge.format()).isEqualTo("int-or-string");
        assertThat(maxSurge.description()).isNotBlank();

        SchemaNode limits = path(deployment(), "spec", "template", "spec", "containers", "[]", "resources", "limits");
        assertThat(limits.type()).isEqualTo("object");
        assertThat(limits.additionalProperties().intOrString()).isTrue();
    }

    @Test
    void scalarFieldsCarryTypesFormatsAndDescriptions() {
        SchemaNode replicas = path(deployment(), "spec", "replicas");

        assertThat(replicas.type()).isEqualTo("integer");
        assertThat(replicas.format()).isEqualTo("int32");
        assertThat(replicas.description()).startsWith("Number of desired pods");
        assertThat(path(deployment(), "metadata", "generation").format()).isEqualTo("int64");
        assertThat(path(schema("api__v1.json", "io.k8s.api.core.v1.Secret"), "data")
                        .additionalProperties()
                        .format())
                .isEqualTo("byte");
        assertThat(path(deployment(), "spec").required()).containsExactlyInAnyOrder("selector", "template");
        assertThat(path(deployment(), "spec", "strategy").patchStrategy()).isEqualTo("retainKeys");
    }

    @Test
    void conditionListsAreKeyedByTypeExceptJobs() {
        assertThat(path(schema("api__v1.json", "io.k8s.api.core.v1.Pod"), "status", "conditions")
                        .listMapKeys())
                .containsExactly("type");
        assertThat(path(deployment(), "status", "conditions").listType()).isEqualTo("map");
        SchemaNode jobConditions =
                path(schema("apis__batch__v1.json", "io.k8s.api.batch.v1.Job"), "status", "conditions");
        assertThat(jobConditions.listType()).isEqualTo("atomic");
        assertThat(jobConditions.patchMergeKey()).isEqualTo("type");
        SchemaNode pdbConditions = path(
                schema("apis__policy__v1.json", "io.k8s.api.policy.v1.PodDisruptionBudget"), "status", "conditions");
        assertThat(pdbConditions.listMapKeys()).containsExactly("type");
        assertThat(pdbConditions.items().required()).contains("type", "status", "lastTransitionTime");
    }

    @Test
    void newerPodFieldsHaveTheirCurrentMarkers() {
        SchemaNode podSpec = path(deployment(), "spec", "template", "spec");

        SchemaNode spread = podSpec.property("topologySpreadConstraints");
        assertThat(spread.listMapKeys()).containsExactly("topologyKey", "whenUnsatisfiable");
        assertThat(spread.patchMergeKey()).isEqualTo("topologyKey");
        assertThat(podSpec.property("volumes").patchStrategy()).isEqualTo("merge,retainKeys");
        assertThat(podSpec.property("ephemeralContainers").listMapKeys()).containsExactly("name");
        assertThat(podSpec.property("tolerations").listType()).isEqualTo("atomic");
        assertThat(podSpec.property("nodeSelector").mapType()).isEqualTo("atomic");
        assertThat(path(podSpec, "containers", "[]", "env").listMapKeys()).containsExactly("name");
        assertThat(path(podSpec, "containers", "[]", "command").listType()).isEqualTo("atomic");
        assertThat(path(deployment(), "spec", "selector").mapType()).isEqualTo("atomic");
    }

    @Test
    void opaqueValuesPreserveUnknownFields() {
        SchemaNode data = path(schema("apis__apps__v1.json", "io.k8s.api.apps.v1.ControllerRevision"), "data");
        assertThat(data.preserveUnknownFields()).isTrue();
        assertThat(path(deployment(), "metadata", "managedFields", "[]", "fieldsV1")
                        .preserveUnknownFields())
                .isTrue();
    }

    @Test
    void customResourceSchemasStayRecursive() {
        String file = "apis__apiextensions.k8s.io__v1.json";
        SchemaNode openApi = path(
                schema(file, "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"),
                "spec",
                "versions",
                "[]",
                "schema",
                "openAPIV3Schema");
        SchemaNode nested = openApi.property("properties").additionalProperties();

        assertThat(nested.property("x-kubernetes-preserve-unknown-fields").type())
                .isEqualTo("boolean");
        assertThat(nested.property("properties")
                        .additionalProperties()
                        .property("type")
                        .type())
                .isEqualTo("string");
        assertThat(openApi.property("default").preserveUnknownFields()).isTrue();
        JsonNode raw = resource(file)
                .at("/components/schemas/io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"
                        + "/properties/properties/additionalProperties/allOf/0/$ref");
        assertThat(raw.asText()).endsWith("apiextensions.v1.JSONSchemaProps");
    }

    @Test
    void everyIndexedKindResolvesToItsGroupVersionKind() {
        int kinds = 0;
        for (JsonNode gv : groupVersions()) {
            String file = gv.path("file").asText();
            List<JsonNode> entries = new ArrayList<>();
            gv.path("kinds").forEach(entries::add);
            gv.path("otherKinds").forEach(entries::add);
            for (JsonNode k : entries) {
                String definition = k.path("definition").asText();
                assertGvk(
                        file,
                        definition,
                        k.path("group").asText(),
                        k.path("version").asText(),
                        k.path("kind").asText());
                if (k.has("listKind")) {
                    assertGvk(
                            file,
                            definition + "List",
                            k.path("group").asText(),
                            k.path("version").asText(),
                            k.path("listKind").asText());
                    SchemaNode list = schema(file, definition + "List");
                    assertThat(list.property("items").items().property("metadata"))
                            .isNotNull();
                    assertThat(list.required()).contains("items");
                }
                kinds++;
            }
        }
        assertThat(kinds).isEqualTo(29);
    }

    private static void assertGvk(String file, String definition, String group, String version, String kind) {
        JsonNode schema = resource(file).path("components").path("schemas").get(definition);
        assertThat(schema).as("%s in %s", definition, file).isNotNull();
        JsonNode gvks = schema.path("x-kubernetes-group-version-kind");
        assertThat(gvks.isArray()).as("gvk of %s", definition).isTrue();
        boolean found = false;
        for (JsonNode g : gvks) {
            found |= g.path("group").asText().equals(group)
                    && g.path("version").asText().equals(version)
                    && g.path("kind").asText().equals(kind);
        }
        assertThat(found)
                .as("%s has gvk %s/%s %s: %s", definition, group, version, kind, gvks)
                .isTrue();
        SchemaNode s = schema(file, definition);
        assertThat(s.property("apiVersion").type()).isEqualTo("string");
        assertThat(s.property("kind").type()).isEqualTo("string");
    }

    @Test
    void resourceFactsMatchKubeApiServerDiscovery() {
        Map<String, JsonNode> byResource = new HashMap<>();
        for (JsonNode gv : groupVersions()) {
            gv.path("kinds")
                    .forEach(k -> byResource.put(
                            k.path("plural").asText() + "."
                                    + gv.path("groupVersion").asText(),
                            k));
        }
        JsonNode deployments = byResource.get("deployments.apps/v1");
        assertThat(deployments.path("shortNames").toString()).isEqualTo("[\"deploy\"]");
        assertThat(deployments.path("categories").toString()).isEqualTo("[\"all\"]");
        assertThat(deployments.path("namespaced").asBoolean()).isTrue();
        assertThat(deployments.at("/subresources/status").isObject()).isTrue();
        assertThat(deployments.at("/subresources/scale/specReplicasPath").asText())
                .isEqualTo(".spec.replicas");
        assertThat(deployments.at("/subresources/scale/statusReplicasPath").asText())
                .isEqualTo(".status.replicas");
        assertThat(deployments.at("/subresources/scale/labelSelectorPath").asText())
                .isEqualTo(".spec.selector");

        assertThat(byResource.get("namespaces.v1").path("namespaced").asBoolean())
                .isFalse();
        assertThat(byResource.get("nodes.v1").path("shortNames").toString()).isEqualTo("[\"no\"]");
        assertThat(byResource.get("configmaps.v1").has("subresources")).isTrue();
        assertThat(byResource.get("configmaps.v1").path("subresources").isEmpty())
                .isTrue();
        assertThat(byResource
                        .get("customresourcedefinitions.apiextensions.k8s.io/v1")
                        .path("shortNames")
                        .toString())
                .isEqualTo("[\"crd\",\"crds\"]");
        assertThat(byResource
                        .get("daemonsets.apps/v1")
                        .at("/subresources/scale")
                        .isMissingNode())
                .isTrue();
        assertThat(byResource
                        .get("horizontalpodautoscalers.autoscaling/v2")
                        .path("listKind")
                        .asText())
                .isEqualTo("HorizontalPodAutoscalerList");
        assertThat(byResource.get("endpoints.v1").path("singular").asText()).isEqualTo("endpoints");
    }

    @Test
    void everyReferenceResolvesWithinItsDocument() {
        for (JsonNode gv : groupVersions()) {
            JsonNode doc = resource(gv.path("file").asText());
            assertThat(doc.path("openapi").asText()).isEqualTo("3.0.0");
            assertThat(doc.path("paths").isObject()).isTrue();
            JsonNode schemas = doc.path("components").path("schemas");
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            assertThat(refs).isNotEmpty();
            for (String ref : refs) {
                assertThat(ref).startsWith("#/components/schemas/");
                assertThat(schemas.has(ref.substring("#/components/schemas/".length())))
                        .as("%s in %s", ref, gv.path("file").asText())
                        .isTrue();
            }
            for (String meta : List.of(
                    "ObjectMeta",
                    "ListMeta",
                    "Status",
                    "DeleteOptions",
                    "WatchEvent",
                    "ManagedFieldsEntry",
                    "OwnerReference",
                    "Time",
                    "FieldsV1",
                    "APIResourceList")) {
                assertThat(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1." + meta))
                        .as("%s in %s", meta, gv.path("file").asText())
                        .isTrue();
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(v -> collectRefs(v, out));
        }
    }

    /** Merge keys must name fields of the items, and required fields must be declared, in every type. */
    @Test
    void listKeysAndRequiredFieldsNameDeclaredProperties() {
        for (JsonNode gv : groupVersions()) {
            String file = gv.path("file").asText();
            JsonNode schemas = resource(file).path("components").path("schemas");
            schemas.fieldNames().forEachRemaining(name -> {
                SchemaNode type = schema(file, name);
                for (String required : type.required()) {
                    assertThat(type.property(required))
                            .as("%s.required %s", name, required)
                            .isNotNull();
                }
                type.properties().forEach((field, p) -> {
                    if ("map".equals(p.listType())) {
                        assertThat(p.listMapKeys())
                                .as("%s.%s keys", name, field)
                                .isNotEmpty();
                        for (String key : p.listMapKeys()) {
                            assertThat(p.items().property(key))
                                    .as("%s.%s key %s", name, field, key)
                                    .isNotNull();
                        }
                    }
                    if ("set".equals(p.listType())) {
                        assertThat(p.items().type())
                                .as("%s.%s items", name, field)
                                .isIn("string", "integer");
                    }
                    if ("array".equals(p.type())) {
                        assertThat(p.listType())
                                .as("%s.%s list type", name, field)
                                .isNotNull();
                    }
                    if (p.patchMergeKey() != null && "array".equals(p.type())) {
                        assertThat(p.items().property(p.patchMergeKey()))
                                .as("%s.%s merge key", name, field)
                                .isNotNull();
                    }
                });
            });
        }
    }

    @Test
    void documentsStayWithinTheSizeBudget() throws IOException {
        long total = 0;
        for (JsonNode gv : groupVersions()) {
            try (InputStream in =
                    getClass().getResourceAsStream(BASE + gv.path("file").asText())) {
                total += in.readAllBytes().length;
            }
        }
        assertThat(total).isBetween(500_000L, 6_000_000L);
    }
}
