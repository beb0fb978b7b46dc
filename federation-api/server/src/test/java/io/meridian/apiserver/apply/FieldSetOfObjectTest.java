package io.meridian.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.apiserver.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code apply/fieldsets.yaml}: the fields an object sets and their exact fieldsV1 text. */
class FieldSetOfObjectTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : TestSchemas.read("apply/fieldsets.yaml").path("cases")) {
            out.add(Arguments.of(c.path("name").asText(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fieldsOfObject(String name, JsonNode c) {
        String schemaName = c.path("schema").asText();
        SchemaNode schema = schemaName.equals("ANY") ? SchemaNode.ANY : TestSchemas.schema(schemaName);

        FieldSet fields = FieldSet.ofObject(c.get("object"), schema);

        String expected = c.path("fieldsV1").asText();
        assertThat(fields.toFieldsV1Json()).isEqualTo(expected);
        assertThat(FieldSet.fromFieldsV1(expected)).isEqualTo(fields);
    }
}
