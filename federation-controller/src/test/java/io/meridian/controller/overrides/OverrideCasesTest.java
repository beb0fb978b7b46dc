package io.meridian.controller.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.meridian.api.model.override.ClusterOverridePolicy;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.controller.cases.YamlCases;
import io.meridian.controller.matching.OverrideMatch;
import io.meridian.controller.matching.OverridePolicyMatcher;
import io.meridian.controller.matching.ResourceIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases in {@code src/test/resources/overrides/*.yaml}: a target {@code cluster}, a {@code
 * manifest}, override {@code policies} as manifests (matched to the manifest by {@link
 * OverridePolicyMatcher}), and the expected result: the whole {@code manifest}, or {@code values}
 * at JSON pointers and {@code absent} pointers, the {@code applied} rules and the {@code failures}.
 */
class OverrideCasesTest {

    static Stream<Arguments> cases() {
        return YamlCases.in("overrides");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void overrides(String name, JsonNode c) {
        JsonNode manifest = c.get("manifest");
        GenericKubernetesResource resource = YamlCases.read(manifest, GenericKubernetesResource.class);
        List<OverridePolicy> ops = new ArrayList<>();
        List<ClusterOverridePolicy> cops = new ArrayList<>();
        for (JsonNode policy : c.path("policies")) {
            if (policy.path("kind").asText().equals("ClusterOverridePolicy")) {
                cops.add(YamlCases.read(policy, ClusterOverridePolicy.class));
            } else {
                ops.add(YamlCases.read(policy, OverridePolicy.class));
            }
        }
        List<OverrideMatch> matches = OverridePolicyMatcher.match(ResourceIdentity.of(resource), ops, cops);
        JsonNode cluster = c.get("cluster");
        @SuppressWarnings("unchecked")
        Map<String, String> labels = YamlCases.read(cluster.get("labels"), Map.class);
        OverrideTarget target = new OverrideTarget(
                cluster.path("name").asText(), cluster.path("region").asText(null), labels);
        JsonNode original = manifest.deepCopy();

        OverrideResult result = OverrideApplier.apply(manifest, target, matches);

        JsonNode expect = c.get("expect");
        assertThat(manifest).as("the input manifest is left alone").isEqualTo(original);
        if (expect.has("manifest")) {
            assertThat(result.manifest()).isEqualTo(expect.get("manifest"));
        }
        expect.path("values")
                .fields()
                .forEachRemaining(e -> assertThat(result.manifest().at(e.getKey()))
                        .as(e.getKey())
                        .isEqualTo(e.getValue()));
        for (JsonNode absent : expect.path("absent")) {
            assertThat(result.manifest().at(absent.asText()).isMissingNode())
                    .as(absent.asText() + " is absent")
                    .isTrue();
        }
        assertThat(result.applied().stream().map(RuleRef::describe).toList())
                .containsExactlyElementsOf(texts(expect.path("applied")));
        assertThat(result.failures().stream().map(OverrideFailure::describe).toList())
                .containsExactlyElementsOf(texts(expect.path("failures")));
        assertThat(result.succeeded()).isEqualTo(result.failures().isEmpty());
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        node.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
