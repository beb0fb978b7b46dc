package io.meridian.controller.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.api.model.override.ClusterOverridePolicy;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.controller.cases.YamlCases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases in {@code src/test/resources/matching/*.yaml}: a resource, policies as manifests, and
 * either the expected propagation policy ({@code expect}) or the expected override policies in
 * order ({@code expectOverrides}), or both.
 */
class MatchingCasesTest {

    static Stream<Arguments> cases() {
        return YamlCases.in("matching");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(String name, JsonNode c) {
        JsonNode r = c.get("resource");
        @SuppressWarnings("unchecked")
        Map<String, String> labels = YamlCases.read(r.get("labels"), Map.class);
        ResourceIdentity resource = new ResourceIdentity(
                r.path("apiVersion").asText(),
                r.path("kind").asText(),
                r.path("namespace").asText(null),
                r.path("name").asText(),
                labels);

        List<PropagationPolicy> pps = new ArrayList<>();
        List<ClusterPropagationPolicy> cpps = new ArrayList<>();
        List<OverridePolicy> ops = new ArrayList<>();
        List<ClusterOverridePolicy> cops = new ArrayList<>();
        for (JsonNode policy : c.path("policies")) {
            switch (policy.path("kind").asText()) {
                case "PropagationPolicy" -> pps.add(YamlCases.read(policy, PropagationPolicy.class));
                case "ClusterPropagationPolicy" -> cpps.add(YamlCases.read(policy, ClusterPropagationPolicy.class));
                case "OverridePolicy" -> ops.add(YamlCases.read(policy, OverridePolicy.class));
                case "ClusterOverridePolicy" -> cops.add(YamlCases.read(policy, ClusterOverridePolicy.class));
                default -> throw new IllegalArgumentException("unknown policy kind in " + policy);
            }
        }
        assertThat(c.has("expect") || c.has("expectOverrides"))
                .as("the case expects something")
                .isTrue();

        if (c.has("expect")) {
            JsonNode expect = c.get("expect");
            Optional<PropagationMatch> match = PropagationPolicyMatcher.match(resource, pps, cpps);
            if (expect.path("policy").asText().equals("none")) {
                assertThat(match).isEmpty();
            } else {
                assertThat(match).isPresent();
                assertThat(PropagationMatch.describe(match.get().policy()))
                        .isEqualTo(expect.path("policy").asText());
                if (expect.has("specificity")) {
                    assertThat(match.get().specificity().name())
                            .isEqualTo(expect.get("specificity").asText());
                }
                if (expect.has("outranked")) {
                    assertThat(match.get().outranked().stream()
                                    .map(o -> PropagationMatch.describe(o.policy()))
                                    .toList())
                            .containsExactlyElementsOf(texts(expect.get("outranked")));
                }
                for (String fragment : texts(expect.path("messageContains"))) {
                    assertThat(match.get().message()).contains(fragment);
                }
            }
        }
        if (c.has("expectOverrides")) {
            List<OverrideMatch> overrides = OverridePolicyMatcher.match(resource, ops, cops);
            assertThat(overrides.stream().map(OverrideMatch::describe).toList())
                    .containsExactlyElementsOf(texts(c.get("expectOverrides")));
        }
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
