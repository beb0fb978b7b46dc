package io.meridian.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code continue} value of a paged list: the revision the first page was read at and
 * the key to resume from, in the same shape kube-apiserver uses.
 */
record ContinueToken(long revision, String startKey) {

    String encode() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("v", "meta.k8s.io/v1");
        n.put("rv", revision);
        n.put("start", startKey);
        return Base64.getUrlEncoder().encodeToString(Json.bytes(n));
    }

    static ContinueToken decode(String token) {
        try {
            JsonNode n = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (!"meta.k8s.io/v1".equals(n.path("v").asText()) || n.path("rv").asLong(0) <= 0 || !n.has("start")) {
                throw new IllegalArgumentException("unknown version");
            }
            return new ContinueToken(n.path("rv").asLong(), n.path("start").asText());
        } catch (Exception e) {
            throw ApiException.badRequest("continue key is not valid: " + e.getMessage());
        }
    }
}
