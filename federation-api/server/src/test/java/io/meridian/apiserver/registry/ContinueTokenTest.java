package io.meridian.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContinueTokenTest {

    @Test
    void survivesTheRoundTripThroughItsOpaqueForm() {
        ContinueToken token = new ContinueToken(4711, "/meridian/registry/core/configmaps/shop/cfg-07\0");

        String encoded = token.encode();

        assertThat(encoded).doesNotContain("/", "+").doesNotContain("meridian");
        assertThat(ContinueToken.decode(encoded)).isEqualTo(token);
    }

    @Test
    void hasKubesShape() throws Exception {
        String encoded = new ContinueToken(12, "/k/a").encode();

        var json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(encoded));

        assertThat(json.path("v").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(json.path("rv").asLong()).isEqualTo(12);
        assertThat(json.path("start").asText()).isEqualTo("/k/a");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not base64 at all!",
                "e30", // {}
                "bm90IGpzb24", // not json
            })
    void garbageIsABadRequest(String token) {
        assertRejected(token);
    }

    @Test
    void anotherVersionOrANonPositiveRevisionOrNoStartIsABadRequest() {
        assertRejected(encode("{\"v\":\"meta.k8s.io/v2\",\"rv\":5,\"start\":\"/k\"}"));
        assertRejected(encode("{\"v\":\"meta.k8s.io/v1\",\"rv\":0,\"start\":\"/k\"}"));
        assertRejected(encode("{\"v\":\"meta.k8s.io/v1\",\"rv\":-3,\"start\":\"/k\"}"));
        assertRejected(encode("{\"v\":\"meta.k8s.io/v1\",\"rv\":5}"));
    }

    private static void assertRejected(String token) {
        assertThatThrownBy(() -> ContinueToken.decode(token)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.reason()).isEqualTo("BadRequest");
            assertThat(e.getMessage()).startsWith("continue key is not valid");
        });
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
