package io.meridian.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFormatTest {

    @ParameterizedTest(name = "%v of {0} is {1}")
    @CsvSource({
        "1.5, 1.5",
        "10.0, 10",
        "123456.0, 123456",
        "1000000.0, 1e+06",
        "1234567.0, 1.234567e+06",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "-2.25, -2.25",
        "0.1, 0.1",
    })
    void floatsPrintAsGoPercentV(double value, String expected) {
        assertThat(GoFormat.floatV(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "json of {0} is {1}")
    @CsvSource({"1000000.0, 1000000", "1e21, 1e+21", "1e-7, 1e-7", "0.5, 0.5", "123456789.25, 123456789.25"})
    void floatsPrintAsGoJson(double value, String expected) {
        assertThat(GoFormat.floatJson(value)).isEqualTo(expected);
    }

    @Test
    void quoteEscapesLikeStrconvQuote() {
        assertThat(GoFormat.quote("a\"b\\c\n\t\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\t\\x01é\"");
    }

    @Test
    void jsonSortsKeysAndEscapesHtml() throws Exception {
        var node = new ObjectMapper().readTree("{\"b\":[1,2.5,true,null],\"a\":\"<&>\"}");

        assertThat(GoFormat.json(node)).isEqualTo("{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":[1,2.5,true,null]}");
    }

    @Test
    void goSyntaxOfAStringSlice() {
        assertThat(GoFormat.stringSliceGoSyntax(List.of("a", "b"))).isEqualTo("[]string{\"a\", \"b\"}");
    }
}
