package io.meridian.apiserver.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.status.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    private static final Map<String, String> WEB_PROD =
            Map.of("app", "web", "tier", "frontend", "env", "prod", "replicas", "3");

    @ParameterizedTest(name = "[{index}] {0} matches app=web,tier=frontend,env=prod,replicas=3: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "app=web                         | true",
                "app==web                        | true",
                "app=api                         | false",
                "app!=api                        | true",
                "app!=web                        | false",
                "missing!=x                      | true",
                "missing=x                       | false",
                "app in (web,api)                | true",
                "app in (api, db)                | false",
                "app notin (api,db)              | true",
                "app notin (web)                 | false",
                "missing notin (web)             | true",
                "missing in (web)                | false",
                "app                             | true",
                "missing                         | false",
                "!missing                        | true",
                "!app                            | false",
                "'app=web,tier=frontend'         | true",
                "'app=web,tier=backend'          | false",
                "'app in (web,api),env notin (dev,test),!canary' | true",
                "'  app  =  web  ,  tier  '      | true",
                "example.com/role                | false",
                "'in in (x)'                     | false",
                "'app in (in,notin,web)'         | true",
                "replicas>2                      | true",
                "replicas>3                      | false",
                "replicas<4                      | true",
                "replicas<3                      | false",
                "app>1                           | false",
                "missing<10                      | false",
            })
    void matchesWithTheGrammarOfKubeLabels(String selector, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(WEB_PROD)).isEqualTo(expected);
    }

    @Test
    void anEmptyValueMatchesAnEmptyLabelOnly() {
        LabelSelector emptyValue = LabelSelector.parse("flag=");

        assertThat(emptyValue.matches(Map.of("flag", ""))).isTrue();
        assertThat(emptyValue.matches(Map.of("flag", "on"))).isFalse();
        assertThat(emptyValue.matches(Map.of())).isFalse();
        // kube reads "()" as the set holding the empty string
        assertThat(LabelSelector.parse("flag in ()").matches(Map.of("flag", "")))
                .isTrue();
        assertThat(LabelSelector.parse("flag notin ()").matches(Map.of("flag", "on")))
                .isTrue();
        assertThat(LabelSelector.parse("flag in (a,,b)").matches(Map.of("flag", "")))
                .isTrue();
    }

    @Test
    void prefixedKeysAreMatchedWhole() {
        LabelSelector s = LabelSelector.parse("app.kubernetes.io/name=web,example.com/tier in (a_b,c-d)");

        assertThat(s.matches(Map.of("app.kubernetes.io/name", "web", "example.com/tier", "a_b")))
                .isTrue();
        assertThat(s.matches(Map.of("name", "web", "tier", "a_b"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankSelectsEverything(String selector) {
        LabelSelector s = LabelSelector.parse(selector);

        assertThat(s.isEmpty()).isTrue();
        assertThat(s.matches(Map.of())).isTrue();
        assertThat(LabelSelector.parse(null).isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // malformed selector                | part of the message
                "'app=web,'                          | found ''",
                "',app=web'                          | found ''",
                "'app in web'                        | expected: '('",
                "'app in (web'                       | expected: '('",
                "'app notin web)'                    | expected: '('",
                "'Bad Key=x'                         | Bad Key",
                "'-app=x'                            | -app",
                "'UPPER.example.com/app=x'           | UPPER.example.com/app",
                "'app=we b'                          | we b",
                "'app=-web'                          | -web",
                "'app in (a b)'                      | a b",
                "'app=web=x'                         | web=x",
                "'!app=web'                          | app=web",
                "'replicas>x'                        | integer",
                "'replicas<'                         | integer",
                "'replicas>=1'                       | replicas",
            })
    void malformedSelectorsAreABadRequestWithKubesWording(String selector, String detail) {
        assertThatThrownBy(() -> LabelSelector.parse(selector)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.reason()).isEqualTo("BadRequest");
            assertThat(e.getMessage())
                    .startsWith("unable to parse requirement: ")
                    .contains(detail);
        });
    }

    @Test
    void formatsASelectorObjectAsKubePrintsIt() throws Exception {
        var selector = Json.MAPPER.readTree("""
                {"matchLabels":{"tier":"front","app":"web"},
                 "matchExpressions":[{"key":"track","operator":"NotIn","values":["canary","beta"]},
                                     {"key":"env","operator":"In","values":["prod","dev"]},
                                     {"key":"debug","operator":"DoesNotExist"},
                                     {"key":"zone","operator":"Exists"}]}""");

        String formatted = LabelSelector.format(selector);

        assertThat(formatted).isEqualTo("app=web,!debug,env in (dev,prod),tier=front,track notin (beta,canary),zone");
        assertThat(LabelSelector.parse(formatted)
                        .matches(Map.of("app", "web", "env", "dev", "tier", "front", "zone", "a")))
                .isTrue();
        assertThat(LabelSelector.format(Json.MAPPER.readTree("{}"))).isEmpty();
    }

    @Test
    void keysAndValuesLongerThanKubeAllowsAreRefused() {
        String name63 = "n".repeat(63);
        String value63 = "v".repeat(63);
        assertThat(LabelSelector.parse(name63 + "=" + value63).matches(Map.of(name63, value63)))
                .isTrue();
        assertThat(LabelSelector.parse("p".repeat(253) + "/" + name63).isEmpty())
                .isFalse();

        assertThatThrownBy(() -> LabelSelector.parse(name63 + "n=x"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> LabelSelector.parse("p".repeat(254) + "/app=x"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> LabelSelector.parse("app=" + value63 + "v"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getMessage()).contains("must be no more than 63 characters"));
    }
}
