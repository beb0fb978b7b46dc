package io.meridian.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.StatusCause;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaValidatorTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode resource(String name) {
        try (InputStream in = SchemaValidatorTest.class.getResourceAsStream("/validation/" + name)) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SchemaNode widgetSchema() {
        return SchemaNode.of(resource("widget-schema.yaml"), ref -> null);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> widgetCases() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : resource("widget-cases.yaml")) {
            ObjectNode widget = JSON.createObjectNode();
            widget.put("apiVersion", "example.com/v1");
            widget.put("kind", "Widget");
            widget.putObject("metadata").put("name", "w");
            if (!c.path("spec").isNull()) {
                widget.set("spec", c.get("spec"));
            }
            List<StatusCause> expected = new ArrayList<>();
            for (JsonNode cause : c.get("causes")) {
                expected.add(new StatusCause(
                        cause.get(0).asText(),
                        cause.get(2).asText(),
                        cause.get(1).asText()));
            }
            cases.add(Arguments.of(c.get("name").asText(), widget, expected));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("widgetCases")
    void widgetCauses(String name, JsonNode widget, List<StatusCause> expected) {
        assertThat(SchemaValidator.validate(widgetSchema(), widget)).containsExactlyElementsOf(expected);
    }

    @Test
    void arrayItemPathsUseBrackets() {
        SchemaNode schema = SchemaNode.of(json("""
                        {"type":"object","properties":{"spec":{"type":"object","properties":{"template":{"type":"object",
                         "properties":{"spec":{"type":"object","properties":{"containers":{"type":"array",
                         "items":{"type":"object","properties":{"image":{"type":"string"}}}}}}}}}}}}
                        """), ref -> null);
        JsonNode pod = json("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"a\"},{\"image\":7}]}}}}");

        assertThat(SchemaValidator.validate(schema, pod))
                .containsExactly(new StatusCause(
                        StatusCause.FIELD_VALUE_TYPE_INVALID,
                        "Invalid value: \"integer\": spec.template.spec.containers[1].image in body must be of type"
                                + " string: \"integer\"",
                        "spec.template.spec.containers[1].image"));
    }

    @Test
    void statusIsValidatedUnderItsBasePathWhileMessagesStayRelative() {
        SchemaNode status = widgetSchema().property("status");

        List<StatusCause> causes = SchemaValidator.validateValue(status, json("{\"phase\":3}"), "status");

        assertThat(causes)
                .containsExactly(new StatusCause(
                        StatusCause.FIELD_VALUE_TYPE_INVALID,
                        "Invalid value: \"integer\": phase in body must be of type string: \"integer\"",
                        "status.phase"));
    }

    @Test
    void updateTakesListTypeErrorsOnlyWhenTheOldObjectHadNone() {
        JsonNode old = json("{\"spec\":{\"image\":\"nginx\",\"tags\":[\"a\",\"a\"]}}");
        JsonNode stillDuplicated = json("{\"spec\":{\"image\":\"nginx\",\"tags\":[\"a\",\"a\",\"b\"]}}");
        JsonNode clean = json("{\"spec\":{\"image\":\"nginx\",\"tags\":[\"a\"]}}");

        assertThat(SchemaValidator.validateUpdate(widgetSchema(), stillDuplicated, old))
                .isEmpty();
        assertThat(SchemaValidator.validateUpdate(widgetSchema(), stillDuplicated, clean))
                .extracting(StatusCause::field)
                .containsExactly("spec.tags[1]");
    }

    @Test
    void mapListWithSeveralKeysReportsTheKeyObject() {
        SchemaNode schema = SchemaNode.of(json("""
                        {"type":"object","properties":{"ports":{"type":"array","x-kubernetes-list-type":"map",
                         "x-kubernetes-list-map-keys":["port","protocol"],"items":{"type":"object","properties":{
                         "port":{"type":"integer"},"protocol":{"type":"string"}}}}}}
                        """), ref -> null);
        JsonNode obj = json("{\"ports\":[{\"port\":80,\"protocol\":\"TCP\"},{\"port\":80,\"protocol\":\"UDP\"},"
                + "{\"protocol\":\"TCP\",\"port\":80}]}");

        assertThat(SchemaValidator.validate(schema, obj))
                .containsExactly(new StatusCause(
                        StatusCause.FIELD_VALUE_DUPLICATE,
                        "Duplicate value: {\"port\":80,\"protocol\":\"TCP\"}",
                        "ports[2]"));
    }

    @Test
    void anyOfNotAndAllOfReportLikeKubeOpenapi() {
        SchemaNode schema = SchemaNode.of(json("""
                        {"type":"object","properties":{
                          "any":{"type":"string","anyOf":[{"maxLength":1},{"pattern":"^x"}]},
                          "not":{"type":"string","not":{"enum":["forbidden"]}},
                          "all":{"type":"integer","allOf":[{"minimum":1},{"maximum":5}]}}}
                        """), ref -> null);

        assertThat(SchemaValidator.validate(schema, json("{\"any\":\"abc\",\"not\":\"forbidden\",\"all\":9}")))
                .containsExactly(
                        new StatusCause(
                                StatusCause.FIELD_VALUE_INVALID,
                                "Invalid value: \"\": \"any\" must validate at least one schema (anyOf)",
                                "<nil>"),
                        new StatusCause(
                                StatusCause.FIELD_VALUE_TOO_LONG, "Too long: may not be more than 1 byte", "any"),
                        new StatusCause(
                                StatusCause.FIELD_VALUE_INVALID,
                                "Invalid value: \"\": \"not\" must not validate the schema (not)",
                                "<nil>"),
                        new StatusCause(
                                StatusCause.FIELD_VALUE_INVALID,
                                "Invalid value: 9: all in body should be less than or equal to 5",
                                "all"),
                        new StatusCause(
                                StatusCause.FIELD_VALUE_INVALID,
                                "Invalid value: \"\": \"all\" must validate all the schemas (allOf)",
                                "<nil>"));
    }

    @Test
    void forbiddenAdditionalPropertiesNameTheParent() {
        SchemaNode schema = SchemaNode.of(
                json(
                        "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"additionalProperties\":false,"
                                + "\"properties\":{\"a\":{\"type\":\"string\"}}}}}"),
                ref -> null);

        assertThat(SchemaValidator.validate(schema, json("{\"spec\":{\"a\":\"x\",\"b\":1}}")))
                .containsExactly(new StatusCause(
                        StatusCause.FIELD_VALUE_INVALID,
                        "Invalid value: \"b\": spec.b in body is a forbidden property",
                        "spec"));
    }

    @Test
    void anAbsentSchemaAcceptsAnything() {
        assertThat(SchemaValidator.validate(SchemaNode.ANY, json("{\"spec\":{\"x\":[1,\"a\",null]}}")))
                .isEmpty();
    }
}
