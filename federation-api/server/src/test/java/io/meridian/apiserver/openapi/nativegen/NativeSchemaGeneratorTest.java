package io.meridian.apiserver.openapi.nativegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regenerates every committed document from the fabric8 classes, the supplement and the saved
 * facts of the old upstream documents, without any description source, and compares the
 * structure (everything but descriptions) with what is committed. Catches a hand edit of the
 * documents, a supplement change that was not regenerated, and a fabric8 upgrade that changed
 * the model.
 */
class NativeSchemaGeneratorTest {

    private static NativeSchemaGenerator generator;

    @BeforeAll
    static void generator() throws IOException {
        try (InputStream facts = NativeSchemaGeneratorTest.class.getResourceAsStream("/nativegen/legacy-facts.json")) {
            assertThat(facts).as("nativegen/legacy-facts.json").isNotNull();
            generator = new NativeSchemaGenerator(
                    SourceDescriptions.none(),
                    TypeScriptDescriptions.none(),
                    LegacySwagger.read(facts),
                    Supplement.load());
        }
    }

    @Test
    void committedDocumentsMatchTheGeneratorApartFromDescriptions() {
        JsonNode catalogue = NativeSchemaGenerator.catalogue();
        List<String> checked = new ArrayList<>();
        for (JsonNode gv : catalogue) {
            String file = gv.path("file").asText();
            JsonNode generated = withoutDescriptions(NativeSchemaGenerator.sorted(generator.document(gv, catalogue)));
            JsonNode committed = withoutDescriptions(NativeOpenApiDocumentsTest.resource(file));

            Set<String> names = new java.util.TreeSet<>();
            generated.path("components").path("schemas").fieldNames().forEachRemaining(names::add);
            Set<String> committedNames = new java.util.TreeSet<>();
            committed.path("components").path("schemas").fieldNames().forEachRemaining(committedNames::add);
            assertThat(names).as("definitions of %s", file).isEqualTo(committedNames);
            for (String name : names) {
                assertThat(generated.path("components").path("schemas").get(name))
                        .as("%s in %s", name, file)
                        .isEqualTo(committed.path("components").path("schemas").get(name));
            }
            assertThat(generated).as(file).isEqualTo(committed);
            checked.add(file);
        }
        assertThat(checked).hasSize(10);
    }

    @Test
    void committedIndexMatchesTheCatalogue() {
        JsonNode index = generator.index(NativeSchemaGenerator.catalogue());
        assertThat(index).isEqualTo(NativeOpenApiDocumentsTest.resource("index.json"));
    }

    @Test
    void fabric8ClassesMapToKubeDefinitionNames() {
        Map<String, String> expected = Map.of(
                "io.fabric8.kubernetes.api.model.ObjectMeta", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
                "io.fabric8.kubernetes.api.model.Pod", "io.k8s.api.core.v1.Pod",
                "io.fabric8.kubernetes.api.model.IntOrString", "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
                "io.fabric8.kubernetes.api.model.Quantity", "io.k8s.apimachinery.pkg.api.resource.Quantity",
                "io.fabric8.kubernetes.api.model.apps.Deployment", "io.k8s.api.apps.v1.Deployment",
                "io.fabric8.kubernetes.api.model.networking.v1.Ingress", "io.k8s.api.networking.v1.Ingress",
                "io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps",
                        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps",
                "io.fabric8.kubernetes.api.model.runtime.RawExtension", "io.k8s.apimachinery.pkg.runtime.RawExtension");
        expected.forEach((cls, def) -> assertThat(DefinitionNames.of(NativeSchemaGenerator.load(cls)))
                .as(cls)
                .isEqualTo(def));
    }

    @Test
    void javadocEscapesBecomeUpstreamText() {
        assertThat(SourceDescriptions.clean("\n     * a &lt;b&gt; &#42;x&#42; &amp; c<br><p> <br><p> next\n     "))
                .isEqualTo("a <b> *x* & c\n\nnext");
        assertThat(TypeScriptDescriptions.clean("\n * first\n *\n * \\* item\n "))
                .isEqualTo("first\n\n* item");
    }

    private static JsonNode withoutDescriptions(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    /** Removes text descriptions, keeping a property that happens to be called description. */
    private static void strip(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.path("description").isTextual()) {
                o.remove("description");
            }
            o.forEach(NativeSchemaGeneratorTest::strip);
        } else if (node.isArray()) {
            node.forEach(NativeSchemaGeneratorTest::strip);
        }
    }
}
