package io.meridian.fedctl.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;

/**
 * Prints objects as JSON or YAML. Everything goes through fabric8's serialization first, so
 * quantities, int-or-strings and timestamps come out as Kubernetes writes them.
 */
public final class Documents {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Documents() {}

    /** {@code value} as a JSON tree. */
    public static JsonNode tree(Object value) {
        return SERIALIZATION.convertValue(value, JsonNode.class);
    }

    public static String render(Object value, OutputFormat format) {
        JsonNode tree = tree(value);
        return switch (format) {
            case json -> {
                try {
                    yield JSON.writeValueAsString(tree) + "\n";
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot write JSON", e);
                }
            }
            case yaml -> SERIALIZATION.asYaml(tree);
        };
    }

    public static void print(PrintWriter out, Object value, OutputFormat format) {
        out.print(render(value, format));
        out.flush();
    }
}
