package io.meridian.apiserver.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.crd.ServedKinds;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ObjectDefaultsTest {

    private final ServedKinds kinds = ServedKinds.nativesAndWidgets(Clock.systemUTC());
    private final ObjectDefaults defaults = new ObjectDefaults(kinds.registry());

    @Test
    void fillsSchemaDefaultsOfFieldsWhoseParentExists() {
        ObjectNode widget = defaulted(kinds.widgets(), """
                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},
                 "spec":{"size":2,"colour":"red","options":{}}}""");

        assertThat(widget.path("spec")).isEqualTo(json("""
                        {"size":2,"colour":"red","replicas":1,"note":"none",
                         "options":{"mode":"fast","retries":3}}"""));
    }

    @Test
    void createsNoParentToPutADefaultIn() {
        ObjectNode noSpec = defaulted(kinds.widgets(), """
                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"}}""");
        ObjectNode noOptions = defaulted(kinds.widgets(), """
                {"metadata":{"name":"w"},"spec":{"size":1}}""");

        assertThat(noSpec.has("spec")).isFalse();
        assertThat(noSpec.has("status")).isFalse();
        assertThat(noOptions.path("spec").has("options")).isFalse();
        assertThat(noOptions.path("spec").has("ports")).isFalse();
        assertThat(noOptions.path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void defaultsEveryItemOfAListAndEveryValueOfAMap() {
        ObjectNode widget = defaulted(kinds.widgets(), """
                {"metadata":{"name":"w"},"spec":{"size":1,
                 "ports":[{"port":80},{"port":53,"protocol":"UDP"}],
                 "parts":{"bolt":{},"nut":{"count":4}}}}""");

        assertThat(widget.path("spec").path("ports")).isEqualTo(json("""
                        [{"port":80,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]"""));
        assertThat(widget.path("spec").path("parts")).isEqualTo(json("""
                        {"bolt":{"count":10},"nut":{"count":4}}"""));
    }

    @Test
    void aNullIsDefaultedUnlessTheFieldIsNullable() {
        // kube prunes nulls of fields that are not nullable, then defaults them; nullable nulls stay
        ObjectNode widget = defaulted(kinds.widgets(), """
                {"metadata":{"name":"w"},"spec":{"size":1,"colour":null,"note":null,"weight":null}}""");

        assertThat(widget.path("spec").path("colour").asText()).isEqualTo("blue");
        assertThat(widget.path("spec").get("note").isNull()).isTrue();
        assertThat(widget.path("spec").has("weight")).isFalse();
    }

    @Test
    void givesAReplicatedNativeWorkloadOneReplica() {
        ResourceType deployments = kinds.type("apps", "v1", "deployments");
        ResourceType statefulSets = kinds.type("apps", "v1", "statefulsets");

        assertThat(defaulted(deployments, """
                        {"metadata":{"name":"d"},"spec":{"selector":{}}}""").path("spec").path("replicas").asInt())
                .isEqualTo(1);
        assertThat(defaulted(statefulSets, """
                        {"metadata":{"name":"s"},"spec":{}}""").path("spec").path("replicas").asInt())
                .isEqualTo(1);
        assertThat(defaulted(deployments, """
                        {"metadata":{"name":"d"},"spec":{"replicas":0}}""").path("spec").path("replicas").asInt())
                .isZero();
        assertThat(defaulted(deployments, """
                        {"metadata":{"name":"d"}}""").has("spec")).isFalse();
    }

    @Test
    void leavesOtherNativeKindsAsTheyAre() {
        String configMap = """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"b"}}""";
        String service = """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80}]}}""";

        assertThat(defaulted(kinds.type("", "v1", "configmaps"), configMap)).isEqualTo(json(configMap));
        assertThat(defaulted(kinds.type("", "v1", "services"), service)).isEqualTo(json(service));
    }

    private ObjectNode defaulted(ResourceType type, String json) {
        ObjectNode obj = (ObjectNode) json(json);
        defaults.apply(type, obj);
        return obj;
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String json) {
        try {
            return Json.MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
