package io.meridian.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.status.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPatchesTest {

    static List<PatchCase> cases() {
        return PatchCase.load("patch/json-patch.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void patchesAsKubeApiserverDoes(PatchCase c) {
        c.check(JsonPatchesTest::apply);
    }

    @Test
    void refusesMoreOperationsThanKubeAllows() {
        ObjectNode original = JsonNodeFactory.instance.objectNode().put("n", 0);
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < JsonPatches.MAX_OPERATIONS; i++) {
            patch.addObject().put("op", "replace").put("path", "/n").put("value", i);
        }
        assertThat(JsonPatches.apply(original, patch).get("n").asInt()).isEqualTo(JsonPatches.MAX_OPERATIONS - 1);

        patch.addObject().put("op", "replace").put("path", "/n").put("value", -1);
        assertThatThrownBy(() -> JsonPatches.apply(original, patch)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(413);
            assertThat(e.reason()).isEqualTo("RequestEntityTooLarge");
            assertThat(e.getMessage())
                    .isEqualTo("Request entity too large: The allowed maximum operations in a JSON patch"
                            + " is 10000, got 10001");
        });
    }

    private static JsonNode apply(PatchCase c) {
        if (c.patchText() != null) {
            return JsonPatches.apply(c.original(), c.patchBytes());
        }
        return JsonPatches.apply(c.original(), c.patch());
    }
}
