package io.meridian.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaCatalog;
import io.meridian.apiserver.table.TableConverter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a CustomResourceDefinition into the served resource types, one per served version, with
 * the schema kube-apiserver publishes for it (metadata as ObjectMeta, the group-version-kind
 * extension) and its printer columns.
 */
public final class CustomResourceTypes {

    private static final String OBJECT_META_REF =
            "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private final SchemaCatalog catalog;
    private final TableConverter tables;

    public CustomResourceTypes(SchemaCatalog catalog, TableConverter tables) {
        this.catalog = catalog;
        this.tables = tables;
    }

    /** The resource types {@code crd} defines, registering their schemas and columns on the way. */
    public List<ResourceType> register(ObjectNode crd) {
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText();
        JsonNode names = spec.path("names");
        String kind = names.path("kind").asText();
        String plural = names.path("plural").asText();
        String singular = names.path("singular").asText(kind.toLowerCase());
        List<String> shortNames = strings(names.path("shortNames"));
        List<String> categories = strings(names.path("categories"));
        String listKind = names.path("listKind").asText(kind + "List");
        boolean namespaced = !"Cluster".equals(spec.path("scope").asText("Namespaced"));
        List<ResourceType> out = new ArrayList<>();
        for (JsonNode v : spec.path("versions")) {
            if (!v.path("served").asBoolean(true)) {
                continue;
            }
            String version = v.path("name").asText();
            JsonNode subresources = v.path("subresources");
            boolean status = subresources.has("status");
            ResourceType.ScaleSubresource scale = null;
            if (subresources.has("scale")) {
                JsonNode s = subresources.path("scale");
                scale = new ResourceType.ScaleSubresource(
                        s.path("specReplicasPath").asText(".spec.replicas"),
                        s.path("statusReplicasPath").asText(".status.replicas"),
                        s.path("labelSelectorPath").asText(null));
            }
            GroupVersionKind gvk = new GroupVersionKind(group, version, kind);
            String component = componentName(group, version, kind);
            catalog.putComponent(component, publishedSchema(v.path("schema").path("openAPIV3Schema"), gvk));
            ObjectNode listSchema = Json.MAPPER.createObjectNode();
            listSchema.put("type", "object");
            listSchema
                    .putObject("properties")
                    .putObject("items")
                    .put("type", "array")
                    .putObject("items")
                    .put("$ref", "#/components/schemas/" + component);
            catalog.putComponent(component + "List", listSchema);
            catalog.bindKind(gvk, component);
            registerColumns(gvk, v.path("additionalPrinterColumns"));
            out.add(new ResourceType(
                    group,
                    version,
                    kind,
                    plural,
                    singular,
                    shortNames,
                    categories,
                    namespaced,
                    status,
                    scale,
                    catalog.schemaOf(gvk),
                    listKind));
        }
        return out;
    }

    /** Forgets the schemas and columns of {@code crd}'s kinds. */
    public void unregister(ObjectNode crd) {
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText();
        String kind = spec.path("names").path("kind").asText();
        for (JsonNode v : spec.path("versions")) {
            String version = v.path("name").asText();
            catalog.unbindKind(new GroupVersionKind(group, version, kind));
            catalog.removeComponent(componentName(group, version, kind));
            catalog.removeComponent(componentName(group, version, kind) + "List");
        }
        tables.unregister(group, kind);
    }

    /** The storage version, the one marked {@code storage: true}. */
    public static String storageVersion(ObjectNode crd) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("storage").asBoolean(false)) {
                return v.path("name").asText();
            }
        }
        return crd.path("spec").path("versions").path(0).path("name").asText();
    }

    /** kube names CRD schema components after the reversed group: {@code io.meridian.v1alpha1.Cluster}. */
    static String componentName(String group, String version, String kind) {
        List<String> parts = new ArrayList<>(List.of(group.split("\\.")));
        java.util.Collections.reverse(parts);
        return String.join(".", parts) + "." + version + "." + kind;
    }

    private static ObjectNode publishedSchema(JsonNode openApiV3Schema, GroupVersionKind gvk) {
        ObjectNode schema =
                openApiV3Schema.isObject() ? ((ObjectNode) openApiV3Schema).deepCopy() : Json.MAPPER.createObjectNode();
        if (!schema.has("type")) {
            schema.put("type", "object");
        }
        if (!openApiV3Schema.isObject() || openApiV3Schema.isEmpty()) {
            schema.put("x-kubernetes-preserve-unknown-fields", true);
        }
        ObjectNode props = schema.with("properties");
        props.putObject("apiVersion")
                .put("type", "string")
                .put("description", "APIVersion defines the versioned schema of this representation of an object.");
        props.putObject("kind")
                .put("type", "string")
                .put("description", "Kind is a string value representing the REST resource this object represents.");
        ObjectNode meta = props.putObject("metadata");
        meta.putArray("allOf").addObject().put("$ref", OBJECT_META_REF);
        meta.put("description", "Standard object's metadata.");
        ArrayNode gvkExt = schema.putArray("x-kubernetes-group-version-kind");
        ObjectNode g = gvkExt.addObject();
        g.put("group", gvk.group());
        g.put("kind", gvk.kind());
        g.put("version", gvk.version());
        return schema;
    }

    private void registerColumns(GroupVersionKind gvk, JsonNode columns) {
        if (!columns.isArray() || columns.isEmpty()) {
            tables.unregister(gvk);
            return;
        }
        List<TableConverter.Column> cols = new ArrayList<>();
        for (JsonNode c : columns) {
            String path = c.path("jsonPath").asText();
            String type = c.path("type").asText("string");
            String description = c.path("description").asText("");
            cols.add(new TableConverter.Column(
                    c.path("name").asText(),
                    type,
                    c.path("format").asText(""),
                    description.isEmpty()
                            ? "Custom resource definition column (in JSONPath format): " + path
                            : description,
                    c.path("priority").asInt(0),
                    o -> cell(type, TableConverter.path(o, path))));
        }
        tables.register(gvk, cols);
    }

    /** A cell as kube's CRD table convertor makes it: a value of the wrong type is an empty cell. */
    private Object cell(String type, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return switch (type) {
            case "string" -> v.isValueNode() ? v.asText() : v.toString();
            case "integer" -> v.isNumber() ? (Object) v.longValue() : null;
            case "number" -> v.isNumber() ? (Object) v.doubleValue() : null;
            case "boolean" -> v.isBoolean() ? (Object) v.booleanValue() : null;
            case "date" -> v.isTextual() ? tables.since(v.asText()) : null;
            default -> null;
        };
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }
}
