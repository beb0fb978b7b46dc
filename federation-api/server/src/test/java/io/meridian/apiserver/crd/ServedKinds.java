package io.meridian.apiserver.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.builtin.BuiltinKinds;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaCatalog;
import io.meridian.apiserver.table.TableConverter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * What a server serves, built the way the server's configuration builds it, without Spring or
 * etcd: every native kind, plus the {@code widgets.example.com} CRD of {@code crd/widgets.yaml}
 * when asked.
 */
public record ServedKinds(
        SchemaCatalog catalog, ResourceRegistry registry, TableConverter tables, CustomResourceTypes crdTypes) {

    public static ServedKinds natives(Clock clock) {
        SchemaCatalog catalog = new SchemaCatalog();
        TableConverter tables = new TableConverter(clock);
        ResourceRegistry registry = new ResourceRegistry();
        BuiltinKinds.load(catalog).forEach(registry::registerBuiltin);
        return new ServedKinds(catalog, registry, tables, new CustomResourceTypes(catalog, tables));
    }

    public static ServedKinds nativesAndWidgets(Clock clock) {
        ServedKinds kinds = natives(clock);
        kinds.define(widgetCrd());
        return kinds;
    }

    /** Serves {@code crd} as the CRD controller does. */
    public void define(ObjectNode crd) {
        registry.register(
                "crd:" + crd.path("metadata").path("name").asText(),
                crdTypes.register(crd),
                CustomResourceTypes.storageVersion(crd));
    }

    public ResourceType type(String group, String version, String plural) {
        return registry.find(group, version, plural)
                .orElseThrow(() -> new AssertionError("not served: " + group + "/" + version + "/" + plural));
    }

    public ResourceType widgets() {
        return type("example.com", "v1", "widgets");
    }

    /** A fresh copy of {@code crd/widgets.yaml}. */
    public static ObjectNode widgetCrd() {
        try (InputStream in = ServedKinds.class.getResourceAsStream("/crd/widgets.yaml")) {
            return (ObjectNode) Json.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
