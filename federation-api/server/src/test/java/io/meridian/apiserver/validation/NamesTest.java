package io.meridian.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamesTest {

    static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
            + " characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
            + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters"
            + " or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex"
            + " used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    static final String DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-',"
            + " start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or"
            + " 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    static final String NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and"
            + " must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc',"
            + " regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric"
            + " characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', "
            + " or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    static Stream<Arguments> cases() {
        Function<String, List<String>> subdomain = Names::isDns1123Subdomain;
        Function<String, List<String>> label = Names::isDns1123Label;
        Function<String, List<String>> dns1035 = Names::isDns1035Label;
        Function<String, List<String>> qualified = Names::isQualifiedName;
        Function<String, List<String>> labelValue = Names::isValidLabelValue;
        Function<String, List<String>> segment = Names::isValidPathSegmentName;
        return Stream.of(
                Arguments.of("subdomain ok", subdomain, "my-app.example.com", List.of()),
                Arguments.of("subdomain upper case", subdomain, "My-App", List.of(SUBDOMAIN_MSG)),
                Arguments.of(
                        "subdomain too long",
                        subdomain,
                        "a".repeat(254),
                        List.of("must be no more than 253 characters")),
                Arguments.of("label with a dot", label, "a.b", List.of("must not contain dots")),
                Arguments.of("label with an underscore", label, "a_b", List.of(LABEL_MSG)),
                Arguments.of(
                        "label too long and bad",
                        label,
                        "-" + "a".repeat(63),
                        List.of("must be no more than 63 characters", LABEL_MSG)),
                Arguments.of("dns1035 starting with a digit", dns1035, "1abc", List.of(DNS1035_MSG)),
                Arguments.of("dns1035 ok", dns1035, "web-1", List.of()),
                Arguments.of("qualified name ok", qualified, "example.com/My_Name.1", List.of()),
                Arguments.of(
                        "qualified name empty prefix", qualified, "/name", List.of("prefix part must be non-empty")),
                Arguments.of(
                        "qualified name bad prefix",
                        qualified,
                        "Example.com/name",
                        List.of("prefix part " + SUBDOMAIN_MSG)),
                Arguments.of(
                        "qualified name empty name",
                        qualified,
                        "example.com/",
                        List.of("name part must be non-empty", NAME_PART_MSG)),
                Arguments.of(
                        "qualified name too long",
                        qualified,
                        "a".repeat(64),
                        List.of("name part must be no more than 63 bytes")),
                Arguments.of("qualified name bad characters", qualified, "bad name", List.of(NAME_PART_MSG)),
                Arguments.of("label value empty", labelValue, "", List.of()),
                Arguments.of("label value with a space", labelValue, "a b", List.of(LABEL_VALUE_MSG)),
                Arguments.of(
                        "label value too long", labelValue, "v".repeat(64), List.of("must be no more than 63 bytes")),
                Arguments.of("path segment dot dot", segment, "..", List.of("may not be '..'")),
                Arguments.of(
                        "path segment slash and percent",
                        segment,
                        "a/%b",
                        List.of("may not contain '/'", "may not contain '%'")),
                Arguments.of("path segment anything else", segment, "Any Name:1", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void messages(String name, Function<String, List<String>> check, String value, List<String> expected) {
        assertThat(check.apply(value)).containsExactlyElementsOf(expected);
    }
}
