package io.meridian.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

    @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "date-time | 2024-05-01T10:20:30Z | true",
                "date-time | 2024-05-01t10:20:30.5+02:00 | true",
                "date-time | 2024-05-01 10:20:30 | false",
                "date-time | 2024-02-30T10:20:30Z | false",
                "date-time | 2024-05-01T24:00:00Z | false",
                "date | 2024-02-29 | true",
                "date | 2023-02-29 | false",
                "ipv4 | 10.0.0.1 | true",
                "ipv4 | 10.0.0.01 | false",
                "ipv4 | 256.0.0.1 | false",
                "ipv6 | fe80::1 | true",
                "ipv6 | ::ffff:10.0.0.1 | true",
                "ipv6 | 1:2:3:4:5:6:7:8:9 | false",
                "ipv6 | 10.0.0.1 | false",
                "cidr | 10.0.0.0/8 | true",
                "cidr | fd00::/64 | true",
                "cidr | 10.0.0.0/33 | false",
                "mac | 00:1a:2b:3c:4d:5e | true",
                "mac | 001a.2b3c.4d5e | true",
                "mac | 00:1a:2b:3c:4d | false",
                "uuid | 123e4567-e89b-12d3-a456-426614174000 | true",
                "uuid4 | 123e4567-e89b-12d3-a456-426614174000 | false",
                "hostname | my-host.example.com | true",
                "hostname | -bad-.example | false",
                "email | someone@example.com | true",
                "email | not an email | false",
                "byte | aGVsbG8= | true",
                "byte | hello! | false",
                "uri | https://example.com/a?b=c | true",
                "uri | relative/path | false",
                "duration | 1h30m | true",
                "duration | 3 days | true",
                "duration | soon | false",
                "quantity | 500Mi | true",
                "quantity | 1.5e3 | true",
                "quantity | five | false",
                "hexcolor | #a0b1c2 | true",
                "rgbcolor | rgb(1, 2, 300) | false",
                "isbn13 | 978-0321751041 | true",
                "isbn10 | 0321751043 | true",
                "ssn | 123-45-6789 | true",
                "creditcard | 4111 1111 1111 1111 | true",
                "creditcard | 4111 1111 1111 1112 | false",
                "bsonobjectid | 507f1f77bcf86cd799439011 | true",
                "password | anything | true",
            })
    void stringFormats(String format, String value, boolean valid) {
        assertThat(Formats.validates(format, value)).isEqualTo(valid);
    }

    @Test
    void unsupportedFormatsAreDroppedAsKubeDropsThem() {
        assertThat(Formats.effective("int-or-string", List.of("integer", "string")))
                .isEmpty();
        assertThat(Formats.effective("k8s-short-name", List.of("string"))).isEmpty();
        assertThat(Formats.effective("date-time", List.of("string"))).isEqualTo("date-time");
        assertThat(Formats.effective("int32", List.of("integer"))).isEqualTo("int32");
        assertThat(Formats.effective("int8", List.of("integer"))).isEmpty();
        assertThat(Formats.effective("double", List.of("number"))).isEqualTo("double");
        assertThat(Formats.effective("date-time", List.of("object"))).isEmpty();
    }
}
