package io.meridian.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error messages quote values as Go's fmt prints them; these are the renderings kube shows. */
class GoValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2.5                                  | 2.5
            100.0                                | 100
            123456.0                             | 123456
            1000000.0                            | 1e+06
            123456789.0                          | 1.23456789e+08
            0.0001                               | 0.0001
            0.00001                              | 1e-05
            -2.5e-7                              | -2.5e-07
            12                                   | 12
            "text"                               | text
            true                                 | true
            null                                 | <nil>
            ["a", 1, null]                       | [a 1 <nil>]
            {"name": "b", "$patch": "delete"}    | map[$patch:delete name:b]
            {"b": {"y": [1.5]}, "a": 1}          | map[a:1 b:map[y:[1.5]]]
            """)
    void printsLikeGoPercentV(String json, String printed) throws Exception {
        assertThat(GoValues.v(JSON.readTree(json))).isEqualTo(printed);
    }

    @ParameterizedTest(name = "{0} and {1}: same={2}")
    @CsvSource(delimiter = '|', textBlock = """
            80          | 80             | true
            80          | 80.0           | false
            80          | "80"           | false
            9223372036854775807 | 9223372036854775807 | true
            1.5         | 1.5            | true
            null        | null           | true
            {"a": 1}    | {"a": 1}       | true
            """)
    void comparesLikeGoEquality(String left, String right, boolean same) throws Exception {
        JsonNode l = JSON.readTree(left);
        JsonNode r = JSON.readTree(right);
        assertThat(GoValues.same(l, r)).isEqualTo(same);
    }
}
