package io.meridian.apiserver.resource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson (2) the server uses for resource bodies. Boot's Jackson 3 never sees a resource:
 * fabric8 clients speak Jackson 2, and mixing the two corrupts {@code IntOrString} and
 * {@code Quantity} values.
 */
public final class Json {

    /** Numbers keep their exact form: integers stay integers, big values are not rounded. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    public static final ObjectMapper YAML = YAMLMapper.builder(
                    YAMLFactory.builder().build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses stored JSON; stored bytes are always valid, so failure is a bug, not bad input. */
    public static ObjectNode readObject(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("stored object is not a JSON object", e);
        }
    }

    /** A parser configured like {@link #MAPPER} that also reports duplicate keys. */
    public static JsonParser strictParser(byte[] json) throws IOException {
        JsonParser parser = MAPPER.createParser(json);
        parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return parser;
    }
}
