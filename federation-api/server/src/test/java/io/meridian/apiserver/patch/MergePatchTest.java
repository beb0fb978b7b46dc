package io.meridian.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MergePatchTest {

    static List<PatchCase> cases() {
        return PatchCase.load("patch/merge-patch.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void patchesAsKubeApiserverDoes(PatchCase c) {
        c.check(MergePatchTest::apply);
    }

    private static JsonNode apply(PatchCase c) {
        if (c.patchText() != null) {
            return MergePatch.apply(c.original(), c.patchBytes());
        }
        return MergePatch.apply(c.original(), c.patch());
    }
}
