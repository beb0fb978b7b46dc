package io.meridian.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.ApiException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldManagerTest {

    private static final Instant NOW = Instant.parse("2024-03-01T11:00:00.750Z");
    private static final SchemaNode DEPLOYMENT = TestSchemas.schema("io.k8s.api.apps.v1.Deployment");
    private static final SchemaNode CONFIG_MAP = TestSchemas.schema("io.k8s.api.core.v1.ConfigMap");

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) TestSchemas.YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A Deployment as kube stores it after `kubectl create deployment nginx --image=nginx`. */
    private static ObjectNode liveDeployment() {
        ObjectNode live = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: nginx
                  namespace: default
                  uid: 6f1c2f5e-0000-4000-8000-000000000001
                  resourceVersion: "1234"
                  generation: 1
                  creationTimestamp: "2024-03-01T10:00:00Z"
                  labels: {app: nginx}
                  annotations: {deployment.kubernetes.io/revision: "1"}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: nginx}}
                  template:
                    metadata: {labels: {app: nginx}}
                    spec:
                      containers: [{name: nginx, image: nginx, imagePullPolicy: Always}]
                """);
        ((ObjectNode) live.get("metadata"))
                .set("managedFields", TestSchemas.read("apply/kube-deployment-managed-fields.json"));
        return live;
    }

    @Test
    void managedFieldsWrittenByKubeReadBackAndReEncodeByteForByte() {
        JsonNode fixture = TestSchemas.read("apply/kube-deployment-managed-fields.json");

        ManagedFields decoded = ManagedFields.decode(fixture);

        assertThat(decoded.encode().toString()).isEqualTo(fixture.toString());
        ManagedFields.Entry status =
                decoded.get(ManagedFields.ManagerKey.update("kube-controller-manager", "apps/v1", "status"));
        assertThat(status.fields()
                        .has(FieldPath.of("status", "conditions")
                                .child(PathElement.decode("k:{\"type\":\"Available\"}"))
                                .child("reason")))
                .isTrue();
    }

    @Test
    void applyingOverKubeWrittenOwnershipConflictsWithTheCreator() {
        FieldManager manager = FieldManager.builder(DEPLOYMENT).builtIn(true).build();
        ObjectNode applied = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: nginx, namespace: default}
                spec: {replicas: 2}
                """);

        assertThatThrownBy(() -> manager.apply(liveDeployment(), applied, "kubectl", false, "apps/v1", NOW, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "Apply failed with 1 conflict: conflict with \"kubectl-create\" using apps/v1: .spec.replicas");
                    JsonNode status = e.toStatus();
                    assertThat(status.path("reason").asText()).isEqualTo("Conflict");
                    assertThat(status.path("code").asInt()).isEqualTo(409);
                    assertThat(status.path("details").path("causes").toString())
                            .isEqualTo(
                                    "[{\"reason\":\"FieldManagerConflict\",\"message\":\"conflict with \\\"kubectl-create\\\" using apps/v1\",\"field\":\".spec.replicas\"}]");
                });
    }

    @Test
    void forcedApplyKeepsUnrelatedEntriesByteForByteAndWritesItsOwnInKubeFieldOrder() {
        FieldManager manager = FieldManager.builder(DEPLOYMENT).builtIn(true).build();
        ObjectNode live = liveDeployment();
        ObjectNode liveBefore = live.deepCopy();
        ObjectNode applied = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: nginx, namespace: default}
                spec: {replicas: 2}
                """);
        ObjectNode appliedBefore = applied.deepCopy();

        ObjectNode result = manager.apply(live, applied, "kubectl", true, "apps/v1", NOW, null);

        assertThat(live).as("inputs are not modified").isEqualTo(liveBefore);
        assertThat(applied).isEqualTo(appliedBefore);
        assertThat(result.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(result.path("metadata").path("uid").asText()).isEqualTo("6f1c2f5e-0000-4000-8000-000000000001");
        JsonNode entries = result.path("metadata").path("managedFields");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).toString())
                .isEqualTo("{\"manager\":\"kubectl\",\"operation\":\"Apply\",\"apiVersion\":\"apps/v1\","
                        + "\"time\":\"2024-03-01T11:00:00Z\",\"fieldsType\":\"FieldsV1\","
                        + "\"fieldsV1\":{\"f:spec\":{\"f:replicas\":{}}}}");
        JsonNode fixture = TestSchemas.read("apply/kube-deployment-managed-fields.json");
        assertThat(entries.get(2)).as("the status entry is untouched").isEqualTo(fixture.get(1));
        assertThat(entries.get(2).toString()).endsWith("\"subresource\":\"status\"}");
        assertThat(entries.get(1).path("fieldsV1").path("f:spec").has("f:replicas"))
                .as("the creator lost the replicas")
                .isFalse();
        assertThat(entries.get(1).path("time").asText()).isEqualTo("2024-03-01T10:00:00Z");
    }

    @Test
    void updateReturnsACopyAndLeavesInputsAlone() {
        FieldManager manager = new FieldManager(CONFIG_MAP);
        ObjectNode created = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: cm}, data: {a: '1'}}");
        ObjectNode createdBefore = created.deepCopy();

        ObjectNode stored = manager.update(null, created, "creator", "v1", NOW, null);

        assertThat(created).isEqualTo(createdBefore);
        assertThat(stored.path("metadata").path("managedFields").toString())
                .isEqualTo("[{\"manager\":\"creator\",\"operation\":\"Update\",\"apiVersion\":\"v1\","
                        + "\"time\":\"2024-03-01T11:00:00Z\",\"fieldsType\":\"FieldsV1\","
                        + "\"fieldsV1\":{\"f:data\":{\".\":{},\"f:a\":{}}}}]");
    }

    @Test
    void forTypeKeepsStatusOutOfMainResourceOwnership() {
        ResourceType widgets = new ResourceType(
                "example.meridian.io",
                "v1",
                "Widget",
                "widgets",
                "widget",
                List.of(),
                List.of(),
                true,
                true,
                null,
                TestSchemas.schema("example.meridian.io.v1.Widget"),
                "WidgetList");
        FieldManager manager = FieldManager.forType(widgets, false);
        ObjectNode applied = yaml("""
                apiVersion: example.meridian.io/v1
                kind: Widget
                metadata: {name: w}
                spec: {size: 1}
                status: {phase: Ready}
                """);

        ObjectNode result = manager.apply(null, applied, "a", false, "example.meridian.io/v1", NOW, "");

        assertThat(result.path("metadata")
                        .path("managedFields")
                        .get(0)
                        .path("fieldsV1")
                        .toString())
                .isEqualTo("{\"f:spec\":{\"f:size\":{}}}");
        ObjectNode wrongKind = applied.deepCopy().put("kind", "Gadget");
        assertThatThrownBy(() -> manager.apply(null, wrongKind, "a", false, "example.meridian.io/v1", NOW, ""))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("invalid object type: example.meridian.io/v1, Kind=Gadget"));
    }
}
