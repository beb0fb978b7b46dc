package io.meridian.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {

    static final SchemaNode WIDGET = SchemaValidatorTest.widgetSchema();

    static final String WIDGET_WITH_UNKNOWNS = """
            {"apiVersion":"example.com/v1","kind":"Widget",
             "metadata":{"name":"w","colour":"red","labels":{"any":"key"},
                         "ownerReferences":[{"apiVersion":"v1","kind":"X","name":"x","uid":"1","weight":3}]},
             "zeta":1,
             "spec":{"image":"nginx","foo":1,"env":{"ANY":"ok"},"port":{"nested":true},
                     "ports":[{"name":"a","protocol":"TCP"}],
                     "extra":{"kept":{"deep":1}},
                     "template":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","bogus":1},"data":{"k":"v"}},
                     "nested":{"level":{"deep":true,"shallow":false}}},
             "status":{"phase":"Ready","extra":"x"}}""";

    @Test
    void findsUndeclaredFieldsInDocumentOrderForBuiltInKinds() {
        assertThat(UnknownFields.find(WIDGET, SchemaValidatorTest.json(WIDGET_WITH_UNKNOWNS), false))
                .containsExactly(
                        "metadata.colour",
                        "metadata.ownerReferences[0].weight",
                        "zeta",
                        "spec.foo",
                        "spec.port.nested",
                        "spec.ports[0].protocol",
                        "spec.template.metadata.bogus",
                        "spec.nested.level.shallow",
                        "status.extra");
    }

    @Test
    void ordersThemAsKubePrunesCustomResources() {
        assertThat(UnknownFields.find(WIDGET, SchemaValidatorTest.json(WIDGET_WITH_UNKNOWNS), true))
                .containsExactly(
                        "metadata.colour",
                        "metadata.ownerReferences[0].weight",
                        "spec.foo",
                        "spec.nested.level.shallow",
                        "spec.port.nested",
                        "spec.ports[0].protocol",
                        "status.extra",
                        "zeta",
                        "spec.template.metadata.bogus");
    }

    @Test
    void pruneRemovesWhatFindReports() {
        ObjectNode widget = (ObjectNode) SchemaValidatorTest.json(WIDGET_WITH_UNKNOWNS);

        List<String> pruned = UnknownFields.prune(WIDGET, widget, true);

        assertThat(pruned).hasSize(9);
        assertThat(UnknownFields.find(WIDGET, widget, true)).isEmpty();
        assertThat(widget.at("/spec/extra/kept/deep").asInt()).isEqualTo(1);
        assertThat(widget.at("/spec/template/data/k").asText()).isEqualTo("v");
        assertThat(widget.at("/spec/foo").isMissingNode()).isTrue();
        assertThat(widget.at("/metadata/colour").isMissingNode()).isTrue();
    }

    @Test
    void aSchemaWithoutPropertiesPrunesEverythingUnlessItPreservesUnknownFields() {
        SchemaNode closed = SchemaNode.of(
                SchemaValidatorTest.json("{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\"}}}"),
                ref -> null);
        SchemaNode open = SchemaNode.of(
                SchemaValidatorTest.json("{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
                        + "\"x-kubernetes-preserve-unknown-fields\":true}}}"),
                ref -> null);
        JsonNode obj = SchemaValidatorTest.json("{\"spec\":{\"a\":1,\"b\":{\"c\":2}}}");

        assertThat(UnknownFields.find(closed, obj, true)).containsExactly("spec.a", "spec.b");
        assertThat(UnknownFields.find(open, obj, true)).isEmpty();
        assertThat(UnknownFields.find(SchemaNode.ANY, obj, true)).isEmpty();
    }

    @Test
    void findsDuplicateKeysWithTheirFullPath() {
        String body = """
                {"spec":{"replicas":1,"template":{"spec":{"containers":[
                  {"name":"a","imagePullPolicy":"Always","imagePullPolicy":"Never"},
                  {"name":"b"}]}},"replicas":2},
                 "kind":"Deployment","kind":"Deployment"}""";

        assertThat(UnknownFields.duplicates(body))
                .containsExactly("spec.template.spec.containers[0].imagePullPolicy", "spec.replicas", "kind");
    }

    @Test
    void aMalformedBodyKeepsWhatWasFoundBeforeTheError() {
        assertThat(UnknownFields.duplicates("{\"a\":1,\"a\":2,")).containsExactly("a");
        assertThat(UnknownFields.duplicates("not json")).isEmpty();
    }

    @Test
    void strictModeFailsWithKubesMessage() {
        List<String> messages = UnknownFields.messages(List.of("spec.replicas"), List.of("spec.foo", "spec.bar"));

        ApiException e =
                UnknownFields.strictDecodingFailure(new GroupVersionKind("apps", "v1", "Deployment"), messages);

        assertThat(messages)
                .containsExactly(
                        "duplicate field \"spec.replicas\"",
                        "unknown field \"spec.foo\"",
                        "unknown field \"spec.bar\"");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.getMessage())
                .isEqualTo("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error:"
                        + " duplicate field \"spec.replicas\", unknown field \"spec.foo\", unknown field \"spec.bar\"");
    }
}
