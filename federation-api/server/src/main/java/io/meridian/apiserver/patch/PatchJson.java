package io.meridian.apiserver.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads a patch body the way Go's {@code json.Unmarshal} accepts it: one JSON value, nothing after. */
final class PatchJson {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PatchJson() {}

    /** The parsed body, or the parser's complaint when it is not JSON. */
    static Parsed read(byte[] body) {
        if (body == null || body.length == 0) {
            return new Parsed(null, "unexpected end of JSON input");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                return new Parsed(null, "unexpected end of JSON input");
            }
            return new Parsed(node, null);
        } catch (JsonProcessingException e) {
            return new Parsed(null, e.getOriginalMessage());
        } catch (IOException e) {
            return new Parsed(null, e.getMessage());
        }
    }

    /** Either a parsed node or the reason there is none. */
    record Parsed(JsonNode node, String error) {}
}
