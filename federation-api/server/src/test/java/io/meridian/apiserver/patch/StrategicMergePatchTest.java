package io.meridian.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StrategicMergePatchTest {

    static List<PatchCase> cases() {
        return PatchCase.load("patch/strategic-merge-patch.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void patchesAsKubeApiserverDoes(PatchCase c) {
        c.check(StrategicMergePatchTest::apply);
    }

    private static JsonNode apply(PatchCase c) {
        if (c.patchText() != null) {
            return StrategicMergePatch.apply(c.original(), c.patchBytes(), c.schemaNode());
        }
        return StrategicMergePatch.apply(c.original(), c.patch(), c.schemaNode());
    }
}
