package io.meridian.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind read from a hand-written manifest that sets every field, written back, and compared:
 * nothing lost, nothing added, every wire name as a user writes it.
 */
class ExamplesRoundTripTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Fields a valid manifest cannot set together with the ones the examples set. */
    private static final Set<String> EXCLUSIVE = Set.of("DrillTarget.region");

    static Iterable<MeridianKind> kinds() {
        return MeridianKinds.all();
    }

    @Test
    void examplesTogetherSetEveryFieldOfTheApi() throws IOException {
        Set<String> all = new TreeSet<>();
        FieldCoverage coverage = new FieldCoverage();
        for (MeridianKind kind : MeridianKinds.all()) {
            all.addAll(FieldCoverage.allFields(kind.type()));
            CustomResource<?, ?> object = SERIALIZATION.unmarshal(example(kind), kind.type());
            assertThat(object.getKind()).isEqualTo(kind.kind());
            assertThat(object.getApiVersion()).isEqualTo("meridian.io/v1alpha1");
            coverage.visit(object.getSpec());
            coverage.visit(object.getStatus());
        }

        Set<String> unset = new TreeSet<>(all);
        unset.removeAll(coverage.populated());
        unset.removeAll(EXCLUSIVE);
        assertThat(unset).as("fields no example sets").isEmpty();
        assertThat(all).as("the walk found the API's types").contains("Taint.timeAdded", "JsonPatch.value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void setsEveryTopLevelFieldOfItsKind(MeridianKind kind) throws IOException {
        CustomResource<?, ?> object = SERIALIZATION.unmarshal(example(kind), kind.type());
        FieldCoverage coverage = new FieldCoverage();
        coverage.visit(object.getSpec());
        coverage.visit(object.getStatus());

        for (Object part : new Object[] {object.getSpec(), object.getStatus()}) {
            if (part != null) {
                for (var component : part.getClass().getRecordComponents()) {
                    assertThat(coverage.populated())
                            .contains(part.getClass().getSimpleName() + "." + component.getName());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void writesBackExactlyWhatItRead(MeridianKind kind) throws IOException {
        String yaml = example(kind);
        CustomResource<?, ?> object = SERIALIZATION.unmarshal(yaml, kind.type());

        JsonNode expected = SERIALIZATION.unmarshal(yaml, JsonNode.class);
        JsonNode written = SERIALIZATION.unmarshal(SERIALIZATION.asJson(object), JsonNode.class);
        assertThat(written).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void survivesJsonAndYamlRoundTrips(MeridianKind kind) throws IOException {
        CustomResource<?, ?> object = SERIALIZATION.unmarshal(example(kind), kind.type());

        CustomResource<?, ?> viaJson = SERIALIZATION.unmarshal(SERIALIZATION.asJson(object), kind.type());
        CustomResource<?, ?> viaYaml = SERIALIZATION.unmarshal(SERIALIZATION.asYaml(object), kind.type());

        for (CustomResource<?, ?> copy : new CustomResource<?, ?>[] {viaJson, viaYaml}) {
            assertThat(copy.getSpec()).isEqualTo(object.getSpec());
            assertThat(copy.getStatus()).isEqualTo(object.getStatus());
            assertThat(copy.getMetadata()).isEqualTo(object.getMetadata());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void untypedReadingYieldsTheKindsClass(MeridianKind kind) throws IOException {
        // fabric8 registers the classes listed in META-INF/services, so a multi-document file of
        // mixed kinds reads into typed objects.
        Object object = SERIALIZATION.unmarshal(example(kind));

        assertThat(object).isInstanceOf(kind.type());
    }

    static String example(MeridianKind kind) throws IOException {
        String resource = "examples/" + kind.singular() + ".yaml";
        try (InputStream in = ExamplesRoundTripTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
