package io.meridian.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One row of a patch table under {@code src/test/resources/patch/}: an original, a patch (as YAML,
 * or as raw body text in {@code patchText}), an optional schema name from
 * {@code patch/openapi.yaml}, and either the expected result or the expected refusal.
 */
record PatchCase(
        String name,
        String schema,
        JsonNode original,
        JsonNode patch,
        String patchText,
        JsonNode expected,
        Refusal error) {

    /** The Kubernetes Status a refused patch must produce; a null message is not checked. */
    record Refusal(int code, String reason, String message) {}

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNode OPENAPI = read("patch/openapi.yaml");

    static List<PatchCase> load(String resource) {
        List<PatchCase> cases = new ArrayList<>();
        for (JsonNode row : read(resource)) {
            JsonNode error = row.get("error");
            if (error != null && !error.has("code")) {
                // YAML aliases come through as empty nodes; a case must spell its refusal out
                throw new IllegalStateException("case " + row.path("name") + " has an error without a code");
            }
            cases.add(new PatchCase(
                    row.path("name").asText(),
                    row.hasNonNull("schema") ? row.get("schema").asText() : null,
                    row.get("original"),
                    row.get("patch"),
                    row.hasNonNull("patchText") ? row.get("patchText").asText() : null,
                    row.get("expected"),
                    error == null
                            ? null
                            : new Refusal(
                                    error.path("code").asInt(),
                                    error.path("reason").asText(),
                                    error.hasNonNull("message")
                                            ? error.get("message").asText()
                                            : null)));
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("no cases in " + resource);
        }
        return cases;
    }

    /** The schema named by this case, resolved against the hand-made OpenAPI fragment. */
    SchemaNode schemaNode() {
        if (schema == null || schema.equals("ANY")) {
            return SchemaNode.ANY;
        }
        JsonNode raw = OPENAPI.path("components").path("schemas").get(schema);
        if (raw == null) {
            throw new IllegalArgumentException("no schema " + schema + " in patch/openapi.yaml");
        }
        return SchemaNode.of(raw, ref -> {
            JsonNode target = OPENAPI.at(ref.substring(1));
            return target.isMissingNode() ? null : target;
        });
    }

    byte[] patchBytes() {
        return patchText.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code engine} on this case and checks the result or the refusal, and that the engine
     * left both of its inputs as they were.
     */
    void check(Function<PatchCase, JsonNode> engine) {
        JsonNode originalBefore = original == null ? null : original.deepCopy();
        JsonNode patchBefore = patch == null ? null : patch.deepCopy();
        if (error != null) {
            assertThatThrownBy(() -> engine.apply(this)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.code()).as("code").isEqualTo(error.code());
                assertThat(e.reason()).as("reason").isEqualTo(error.reason());
                if (error.message() != null) {
                    assertThat(e.getMessage()).as("message").isEqualTo(error.message());
                }
            });
        } else {
            assertThat(expected)
                    .as("case %s has neither expected nor error", name)
                    .isNotNull();
            assertThat(engine.apply(this)).isEqualTo(expected);
        }
        assertThat(original).as("original left untouched").isEqualTo(originalBefore);
        assertThat(patch).as("patch left untouched").isEqualTo(patchBefore);
    }

    @Override
    public String toString() {
        return name;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = PatchCase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
