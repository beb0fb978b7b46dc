package io.meridian.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.crd.ServedKinds;
import io.meridian.apiserver.resource.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableConverterTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final ServedKinds kinds = ServedKinds.nativesAndWidgets(Clock.fixed(NOW, ZoneOffset.UTC));
    private final TableConverter tables = kinds.tables();

    @Test
    void printsADeploymentWithKubectlsColumns() {
        ObjectNode deployment = object("""
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"web","namespace":"shop","creationTimestamp":"2025-03-01T11:58:30Z"},
                 "spec":{"replicas":3,
                   "selector":{"matchLabels":{"tier":"front","app":"web"},
                     "matchExpressions":[{"key":"track","operator":"NotIn","values":["canary","beta"]},
                                         {"key":"debug","operator":"DoesNotExist"}]},
                   "template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"},
                                                    {"name":"proxy","image":"envoy:v1.31"}]}}},
                 "status":{"replicas":3,"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}""");

        ObjectNode table = tables.table(kinds.type("apps", "v1", "deployments"), List.of(deployment), null, null);

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(columns(table, "name"))
                .containsExactly("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
        assertThat(columns(table, "type"))
                .containsExactly("string", "string", "integer", "integer", "string", "string", "string", "string");
        assertThat(columns(table, "priority")).containsExactly("0", "0", "0", "0", "0", "1", "1", "1");
        assertThat(table.path("columnDefinitions").path(0).path("format").asText())
                .isEqualTo("name");
        assertThat(cells(table, 0))
                .containsExactly(
                        "web",
                        "2/3",
                        3L,
                        2L,
                        "90s",
                        "web,proxy",
                        "nginx:1.27,envoy:v1.31",
                        "app=web,!debug,tier=front,track notin (beta,canary)");
    }

    @Test
    void aDeploymentWithoutStatusIsNotReadyYet() {
        ObjectNode deployment = object("""
                {"metadata":{"name":"new","creationTimestamp":"2025-03-01T12:00:00Z"},
                 "spec":{"replicas":2,"selector":{},"template":{"spec":{"containers":[]}}}}""");

        ObjectNode table = tables.table(kinds.type("apps", "v1", "deployments"), List.of(deployment), "None", null);

        assertThat(cells(table, 0)).containsExactly("new", "0/2", 0L, 0L, "0s", "", "", "<none>");
        assertThat(table.path("rows").path(0).has("object")).isFalse();
    }

    @Test
    void printsACustomResourceWithItsPrinterColumnsTypedAsKubeDoes() {
        ObjectNode widget = object("""
                {"apiVersion":"example.com/v1","kind":"Widget",
                 "metadata":{"name":"w1","namespace":"shop","creationTimestamp":"2025-02-01T12:00:00Z"},
                 "spec":{"size":3,"colour":"red","weight":0.75,"ports":[{"port":8080},{"port":8443}]},
                 "status":{"ready":true,"builtAt":"2025-03-01T09:30:00Z"}}""");
        ObjectNode bare = object("""
                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w2"},
                 "spec":{"size":"three","weight":2,"colour":7},"status":{"ready":"yes","builtAt":"yesterday"}}""");

        ObjectNode table = tables.table(kinds.widgets(), List.of(widget, bare), "Object", null);

        assertThat(columns(table, "name"))
                .containsExactly("Name", "Size", "Colour", "Weight", "Ready", "Port", "Built");
        assertThat(columns(table, "type"))
                .containsExactly("string", "integer", "string", "number", "boolean", "integer", "date");
        assertThat(columns(table, "priority")).containsExactly("0", "0", "0", "0", "0", "1", "0");
        assertThat(columns(table, "description").subList(1, 3))
                .containsExactly(
                        "Custom resource definition column (in JSONPath format): .spec.size",
                        "The colour of the widget");
        // kube prints the first match of a JSONPath, and a value of the wrong type as an empty cell
        assertThat(cells(table, 0)).containsExactly("w1", 3L, "red", 0.75, true, 8080L, "150m");
        assertThat(cells(table, 1)).containsExactly("w2", null, "7", 2.0, null, null, "<invalid>");
        assertThat(table.path("rows").path(0).path("object")).isEqualTo(widget);
    }

    @Test
    void aCustomResourceWithoutPrinterColumnsGetsNameAndAge() {
        ObjectNode crd = ServedKinds.widgetCrd();
        ((ObjectNode) crd.at("/spec/versions/0")).remove("additionalPrinterColumns");
        kinds.define(crd);
        ObjectNode widget = object("""
                {"metadata":{"name":"w","creationTimestamp":"2025-02-27T12:00:00Z"}}""");

        ObjectNode table = tables.table(kinds.widgets(), List.of(widget), null, null);

        assertThat(columns(table, "name")).containsExactly("Name", "Age");
        assertThat(cells(table, 0)).containsExactly("w", "2d");
    }

    @Test
    void printerColumnsBelongToTheirVersion() {
        ObjectNode widget = object("""
                {"metadata":{"name":"w","creationTimestamp":"2025-03-01T11:00:00Z"},"spec":{"size":2}}""");

        ObjectNode v1beta1 = tables.table(kinds.type("example.com", "v1beta1", "widgets"), List.of(widget), null, null);
        ObjectNode v1 = tables.table(kinds.widgets(), List.of(widget), null, null);

        assertThat(columns(v1beta1, "name")).containsExactly("Name", "Age");
        assertThat(cells(v1beta1, 0)).containsExactly("w", "60m");
        assertThat(columns(v1, "name")).startsWith("Name", "Size");
    }

    @Test
    void carriesTheListMetadataAndPartialObjectMetadataByDefault() {
        ObjectNode cm = object("""
                {"apiVersion":"v1","kind":"ConfigMap",
                 "metadata":{"name":"c","namespace":"shop","uid":"u-1","creationTimestamp":"2024-03-01T12:00:00Z"},
                 "data":{"k":"v"}}""");
        ObjectNode listMeta = object("""
                {"resourceVersion":"42","continue":"abc","remainingItemCount":3}""");

        ObjectNode table = tables.table(kinds.type("", "v1", "configmaps"), List.of(cm), null, listMeta);

        assertThat(table.path("metadata")).isEqualTo(listMeta);
        assertThat(columns(table, "name")).containsExactly("Name", "Data", "Age");
        assertThat(cells(table, 0)).containsExactly("c", 1L, "365d");
        JsonNode partial = table.path("rows").path(0).path("object");
        assertThat(partial.path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(partial.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(partial.path("metadata")).isEqualTo(cm.path("metadata"));
        assertThat(partial.has("data")).isFalse();
    }

    private static List<String> columns(ObjectNode table, String field) {
        List<String> out = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> out.add(c.path(field).asText()));
        return out;
    }

    /** A row's cells as Java values, so that 2 and 2.0 differ as they do in the Table's JSON. */
    private static List<Object> cells(ObjectNode table, int row) {
        List<Object> out = new ArrayList<>();
        for (JsonNode c : table.path("rows").path(row).path("cells")) {
            if (c.isNull()) {
                out.add(null);
            } else if (c.isIntegralNumber()) {
                out.add(c.longValue());
            } else if (c.isNumber()) {
                out.add(c.doubleValue());
            } else if (c.isBoolean()) {
                out.add(c.booleanValue());
            } else {
                out.add(c.asText());
            }
        }
        return out;
    }

    private static ObjectNode object(String json) {
        return (ObjectNode) json(json);
    }

    private static JsonNode json(String json) {
        try {
            return Json.MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void printerColumnPathsFilterListsAsKubectlDoes() throws Exception {
        ObjectNode cluster = (ObjectNode) Json.MAPPER.readTree("""
                {"spec":{"region":"us-east"},"status":{"conditions":[
                  {"type":"Reachable","status":"True"},{"type":"Ready","status":"False"}]}}""");
        assertThat(TableConverter.path(cluster, ".status.conditions[?(@.type==\"Ready\")].status")
                        .asText())
                .isEqualTo("False");
        assertThat(TableConverter.path(cluster, ".status.conditions[?(@.type=='Reachable')].status")
                        .asText())
                .isEqualTo("True");
        assertThat(TableConverter.path(cluster, ".status.conditions[?(@.type!=\"Ready\")].type")
                        .asText())
                .isEqualTo("Reachable");
        assertThat(TableConverter.path(cluster, ".status.conditions[?(@.type==\"Gone\")].status"))
                .isNull();
        assertThat(TableConverter.path(cluster, ".status.conditions[-1].type").asText())
                .isEqualTo("Ready");
        assertThat(TableConverter.path(cluster, "spec.region").asText()).isEqualTo("us-east");
    }
}
