package io.meridian.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.apiserver.status.ApiException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchTypeTest {

    private static final String NATIVE_TYPES = "application/json-patch+json, application/merge-patch+json,"
            + " application/strategic-merge-patch+json, application/apply-patch+yaml";
    private static final String CUSTOM_TYPES =
            "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

    @ParameterizedTest(name = "{0} on a {1} kind")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            application/json-patch+json                       | native | JSON
            application/merge-patch+json                      | native | MERGE
            application/strategic-merge-patch+json            | native | STRATEGIC_MERGE
            application/apply-patch+yaml                      | native | APPLY
            application/merge-patch+json; charset=utf-8       | native | MERGE
            Application/Strategic-Merge-Patch+JSON            | native | STRATEGIC_MERGE
            application/merge-patch+json                      | custom | MERGE
            application/apply-patch+yaml                      | custom | APPLY
            """)
    void recognisesTheMediaTypesKubeAccepts(String contentType, String kind, PatchType expected) {
        assertThat(PatchType.fromContentType(contentType, supported(kind))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on a {1} kind")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            application/json                                  | native
            application/yaml                                  | native
            application/apply-patch+cbor                      | native
            null                                              | native
            ''                                                | native
            application/strategic-merge-patch+json            | custom
            text/plain                                        | custom
            """)
    void refusesOtherMediaTypesListingTheSupportedOnes(String contentType, String kind) {
        String listed = kind.equals("native") ? NATIVE_TYPES : CUSTOM_TYPES;
        assertThatThrownBy(() -> PatchType.fromContentType(contentType, supported(kind)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(415);
                    assertThat(e.reason()).isEqualTo("UnsupportedMediaType");
                    assertThat(e.getMessage())
                            .isEqualTo("the body of the request was in an unknown format - accepted media types"
                                    + " include: " + listed);
                });
    }

    @ParameterizedTest
    @CsvSource({"application/strategic-merge-patch+json, STRATEGIC_MERGE", "application/json-patch+json, JSON"})
    void nativeKindsAreTheDefault(String contentType, PatchType expected) {
        assertThat(PatchType.fromContentType(contentType)).isEqualTo(expected);
        assertThat(expected.mediaType()).isEqualTo(contentType);
    }

    private static List<PatchType> supported(String kind) {
        return kind.equals("native") ? PatchType.NATIVE : PatchType.CUSTOM_RESOURCE;
    }
}
