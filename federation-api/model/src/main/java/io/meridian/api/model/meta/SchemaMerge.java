package io.meridian.api.model.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Iterator;
import java.util.Map;

/**
 * A schema customizer for the CRD generator that merges a JSON object into the generated schema,
 * recursively. The generator's own MergePatchCustomizer replaces whole maps such as {@code
 * properties}, which would drop every property but the patched one.
 *
 * <p>Used only at build time: the generator instantiates it while writing the CRDs.
 */
public final class SchemaMerge implements SchemaCustomizer.Customizer {

    @Override
    public JSONSchemaProps apply(JSONSchemaProps props, String input, KubernetesSerialization serialization) {
        ObjectNode target = serialization.convertValue(props, ObjectNode.class);
        JsonNode patch = serialization.unmarshal(input, JsonNode.class);
        merge(target, patch);
        return serialization.convertValue(target, JSONSchemaProps.class);
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject
                    && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
