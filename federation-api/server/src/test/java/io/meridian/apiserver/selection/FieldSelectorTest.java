package io.meridian.apiserver.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.status.ApiException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

    private static final Set<String> POD_FIELDS = Set.of("spec.nodeName", "status.phase", "spec.restartPolicy");

    private static final ObjectNode POD = object("""
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"web-1","namespace":"shop"},
             "spec":{"nodeName":"node-a","hostNetwork":true},
             "status":{"phase":"Running"}}""");

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "metadata.name=web-1                        | true",
                "metadata.name==web-1                       | true",
                "metadata.name!=web-1                       | false",
                "metadata.name=web-2                        | false",
                "metadata.namespace=shop                    | true",
                "'metadata.namespace=shop,status.phase=Running' | true",
                "'metadata.namespace=shop,status.phase!=Running' | false",
                "' status.phase = Running '                 | true",
                // a field the object lacks reads as the empty string, as kube's field sets do
                "spec.restartPolicy=                        | true",
                "spec.restartPolicy!=                       | false",
                "spec.nodeName!=                            | true",
                "'status.phase=Running,'                    | true",
                "',status.phase=Running'                    | true",
            })
    void matchesTermsThatAllHold(String selector, boolean expected) {
        FieldSelector s = FieldSelector.parse(selector, POD_FIELDS, "Pod");

        assertThat(s.matches(POD)).isEqualTo(expected);
        assertThat(s.isEmpty()).isFalse();
    }

    @Test
    void theValueIsEverythingAfterTheFirstOperator() {
        ObjectNode odd = object("""
                {"metadata":{"name":"x"},"status":{"phase":"a!=b"}}""");

        assertThat(FieldSelector.parse("status.phase=a!=b", POD_FIELDS, "Pod").matches(odd))
                .isTrue();
        assertThat(FieldSelector.parse("status.phase==a!=b", POD_FIELDS, "Pod").matches(odd))
                .isTrue();
    }

    @Test
    void aPinnedNameIsReportedForSingleKeyReads() {
        assertThat(FieldSelector.parse("status.phase=Running,metadata.name=web-1", POD_FIELDS, "Pod")
                        .requiredName())
                .isEqualTo("web-1");
        assertThat(FieldSelector.parse("metadata.name!=web-1", POD_FIELDS, "Pod")
                        .requiredName())
                .isNull();
        assertThat(FieldSelector.parse("status.phase=Running", POD_FIELDS, "Pod")
                        .requiredName())
                .isNull();
    }

    @Test
    void blankSelectsEverything() {
        assertThat(FieldSelector.parse(null, POD_FIELDS, "Pod").isEmpty()).isTrue();
        assertThat(FieldSelector.parse(" ", POD_FIELDS, "Pod").isEmpty()).isTrue();
        assertThat(FieldSelector.parse("", Set.of(), "Pod").matches(POD)).isTrue();
    }

    @Test
    void onlyTheKindsSelectableFieldsAndNameAndNamespaceAreAccepted() {
        assertThat(FieldSelector.parse("metadata.name=a,metadata.namespace=b", Set.of(), "ConfigMap")
                        .isEmpty())
                .isFalse();

        assertThatThrownBy(() -> FieldSelector.parse("status.phase=Running", Set.of(), "ConfigMap"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("field label not supported: status.phase");
                });
        assertThatThrownBy(() -> FieldSelector.parse("spec.hostNetwork=true", POD_FIELDS, "Pod"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("field label not supported: spec.hostNetwork"));
    }

    @Test
    void aTermWithoutOperatorIsABadRequestWithKubesWording() {
        assertThatThrownBy(() -> FieldSelector.parse("metadata.name=a,status.phase", POD_FIELDS, "Pod"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage())
                            .isEqualTo("invalid selector: 'metadata.name=a,status.phase'; can't understand"
                                    + " 'status.phase'");
                });
    }

    private static ObjectNode object(String json) {
        return Json.readObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
