package io.meridian.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.status.StatusCause;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the scenarios under {@code src/test/resources/apply/scenarios}: a sequence of applies and
 * updates against one object, each followed by the object, managed fields or error kube would
 * produce. Step {@code n} (from 1) happens at 2024-01-01T00:0n:00Z. {@code objectEqualsInput: true}
 * expects the resulting object (without managedFields) to be the step's input object.
 */
class ApplyScenarioTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    static Stream<Arguments> scenarios() {
        List<Arguments> out = new ArrayList<>();
        for (Path file : TestSchemas.files("apply/scenarios")) {
            JsonNode doc = TestSchemas.read(file);
            String base = file.getFileName().toString().replace(".yaml", "");
            for (JsonNode scenario : doc.path("scenarios")) {
                out.add(Arguments.of(base + ": " + scenario.path("name").asText(), scenario));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, JsonNode scenario) {
        FieldManager manager = fieldManager(scenario);
        ObjectNode live = scenario.get("live") instanceof ObjectNode o ? o.deepCopy() : null;
        JsonNode steps = scenario.path("steps");
        assertThat(steps.size()).as("steps of %s", name).isPositive();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String where = name + ", step " + (i + 1);
            Instant now = T0.plusSeconds(60L * (i + 1));
            JsonNode expect = step.path("expect");
            ObjectNode result;
            try {
                result = run(manager, live, step, now);
            } catch (ApiException e) {
                if (!expect.has("error")) {
                    fail("%s: unexpected %s %s", where, e.code(), e.getMessage());
                }
                checkError(where, e, expect.get("error"));
                continue;
            }
            if (expect.has("error")) {
                fail("%s: expected error %s but got %s", where, expect.get("error"), result);
            }
            check(
                    where,
                    result,
                    expect,
                    now,
                    step.path(step.has("apply") ? "apply" : "update").get("object"));
            live = result;
        }
    }

    private static FieldManager fieldManager(JsonNode scenario) {
        FieldManager.Builder b = FieldManager.builder(
                        TestSchemas.schema(scenario.path("schema").asText()))
                .builtIn(scenario.path("builtIn").asBoolean(false));
        if (scenario.has("gvk")) {
            JsonNode gvk = scenario.get("gvk");
            b.gvk(GroupVersionKind.of(
                    gvk.path("apiVersion").asText(), gvk.path("kind").asText()));
        }
        if (scenario.path("statusSubresource").asBoolean(false)) {
            b.resetFields("", FieldSet.of(FieldPath.of("status")));
            b.resetFields("status", FieldSet.of(FieldPath.of("spec")));
        }
        if (scenario.has("maxUpdateManagers")) {
            b.maxUpdateManagers(scenario.get("maxUpdateManagers").asInt());
        }
        return b.build();
    }

    private static ObjectNode run(FieldManager manager, ObjectNode live, JsonNode step, Instant now) {
        boolean apply = step.has("apply");
        JsonNode op = apply ? step.get("apply") : step.get("update");
        assertThat(op).as("step needs apply or update: %s", step).isNotNull();
        ObjectNode object = (ObjectNode) op.get("object").deepCopy();
        String apiVersion = op.has("apiVersion")
                ? op.get("apiVersion").asText()
                : object.path("apiVersion").asText();
        String who = op.has("manager") ? op.get("manager").asText() : null;
        String subresource = op.path("subresource").asText("");
        if (apply) {
            return manager.apply(live, object, who, op.path("force").asBoolean(false), apiVersion, now, subresource);
        }
        return manager.update(live, object, who, apiVersion, now, subresource);
    }

    private static void check(String where, ObjectNode result, JsonNode expect, Instant now, JsonNode input) {
        ObjectNode withoutManaged = result.deepCopy();
        if (withoutManaged.get("metadata") instanceof ObjectNode meta) {
            meta.remove("managedFields");
        }
        if (expect.has("object")) {
            assertThat(withoutManaged).as("%s: object", where).isEqualTo(expect.get("object"));
        }
        if (expect.path("objectEqualsInput").asBoolean(false)) {
            assertThat(withoutManaged).as("%s: object", where).isEqualTo(input);
        }
        JsonNode actualManaged = result.path("metadata").path("managedFields");
        if (expect.has("managedFields")) {
            JsonNode expected = expect.get("managedFields");
            if (expected.isNull() || expected.isEmpty()) {
                assertThat(result.path("metadata").has("managedFields"))
                        .as("%s: managedFields should be absent, got %s", where, actualManaged)
                        .isFalse();
            } else {
                assertThat(comparable(actualManaged, expected))
                        .as("%s: managedFields", where)
                        .isEqualTo(expected);
            }
        }
        for (JsonNode fields : expect.path("fieldsV1")) {
            JsonNode entry = find(actualManaged, fields);
            assertThat(entry)
                    .as("%s: no managedFields entry %s in %s", where, fields, actualManaged)
                    .isNotNull();
            assertThat(entry.get("fieldsV1").toString())
                    .as("%s: fieldsV1 of %s", where, fields.path("manager").asText())
                    .isEqualTo(fields.get("json").asText());
            // The text must also read back to the same set.
            assertThat(FieldSet.fromFieldsV1(fields.get("json").asText()).toFieldsV1Json())
                    .isEqualTo(fields.get("json").asText());
        }
        for (JsonNode entry : actualManaged) {
            if (entry.has("time")) {
                assertThat(Instant.parse(entry.get("time").asText())).isBeforeOrEqualTo(now);
            }
        }
    }

    /** The actual entries, without times where the expectation gives none. */
    private static JsonNode comparable(JsonNode actual, JsonNode expected) {
        ArrayNode out = TestSchemas.YAML.createArrayNode();
        for (int i = 0; i < actual.size(); i++) {
            ObjectNode e = actual.get(i).deepCopy();
            if (i >= expected.size() || !expected.get(i).has("time")) {
                e.remove("time");
            }
            out.add(e);
        }
        return out;
    }

    private static JsonNode find(JsonNode managed, JsonNode selector) {
        for (JsonNode e : managed) {
            if (e.path("manager").asText().equals(selector.path("manager").asText())
                    && (!selector.has("operation")
                            || e.path("operation")
                                    .asText()
                                    .equals(selector.get("operation").asText()))
                    && e.path("subresource")
                            .asText("")
                            .equals(selector.path("subresource").asText(""))) {
                return e;
            }
        }
        return null;
    }

    private static void checkError(String where, ApiException e, JsonNode expected) {
        assertThat(e.code())
                .as("%s: code of %s", where, e.getMessage())
                .isEqualTo(expected.path("code").asInt());
        if (expected.has("reason")) {
            assertThat(e.reason())
                    .as("%s: reason", where)
                    .isEqualTo(expected.get("reason").asText());
        }
        if (expected.has("message")) {
            assertThat(e.getMessage())
                    .as("%s: message", where)
                    .isEqualTo(expected.get("message").asText());
        }
        if (expected.has("causes")) {
            List<StatusCause> causes = new ArrayList<>();
            for (JsonNode c : expected.get("causes")) {
                causes.add(new StatusCause(
                        c.path("reason").asText(),
                        c.path("message").asText(),
                        c.path("field").asText()));
            }
            assertThat(e.causes()).as("%s: causes", where).isEqualTo(causes);
        }
    }
}
