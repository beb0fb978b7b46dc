package io.meridian.apiserver.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The native Kubernetes kinds the server stores as they are. Their names, scope, subresources
 * and OpenAPI schemas come from the documents under {@code openapi/native/} (see
 * {@code index.json}), generated from the Kubernetes API by the test-scope NativeSchemaGenerator,
 * so that what discovery announces, what validation checks and how patches merge all agree.
 */
public final class BuiltinKinds {

    private static final String BASE = "/openapi/native/";

    private BuiltinKinds() {}

    /** Loads every native schema into {@code catalog} and returns the native resource types. */
    public static List<ResourceType> load(SchemaCatalog catalog) {
        JsonNode index = read("index.json");
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode gv : index.path("groupVersions")) {
            JsonNode doc = read(gv.path("file").asText());
            doc.path("components")
                    .path("schemas")
                    .fields()
                    .forEachRemaining(e -> catalog.putComponent(e.getKey(), e.getValue()));
            for (JsonNode other : gv.path("otherKinds")) {
                catalog.bindKind(gvk(other), other.path("definition").asText());
            }
            for (JsonNode k : gv.path("kinds")) {
                GroupVersionKind gvk = gvk(k);
                catalog.bindKind(gvk, k.path("definition").asText());
                JsonNode sub = k.path("subresources");
                ResourceType.ScaleSubresource scale = null;
                if (sub.has("scale")) {
                    JsonNode s = sub.path("scale");
                    scale = new ResourceType.ScaleSubresource(
                            s.path("specReplicasPath").asText(),
                            s.path("statusReplicasPath").asText(),
                            s.path("labelSelectorPath").asText(null));
                }
                types.add(new ResourceType(
                        gvk.group(),
                        gvk.version(),
                        gvk.kind(),
                        k.path("plural").asText(),
                        k.path("singular").asText(),
                        strings(k.path("shortNames")),
                        strings(k.path("categories")),
                        k.path("namespaced").asBoolean(),
                        sub.has("status"),
                        scale,
                        catalog.schemaOf(gvk),
                        k.path("listKind").asText(gvk.kind() + "List")));
            }
        }
        return types;
    }

    /** The Kubernetes release the native schemas were generated from, e.g. {@code v1.34.1}. */
    public static String kubernetesVersion() {
        return read("index.json").path("kubernetesVersion").asText();
    }

    private static GroupVersionKind gvk(JsonNode k) {
        return new GroupVersionKind(
                k.path("group").asText(),
                k.path("version").asText(),
                k.path("kind").asText());
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    private static JsonNode read(String name) {
        try (InputStream in = BuiltinKinds.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BASE + name);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
