package io.meridian.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.patch.PatchType;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents kube-apiserver publishes: a root index at {@code /openapi/v3} and one
 * document per group-version with paths and component schemas. kubectl reads them for
 * {@code explain}, and — because every PATCH operation declares the {@code fieldValidation}
 * parameter — learns that the server validates fields itself.
 */
public final class OpenApiDocuments {

    private static final String PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    private final ResourceRegistry registry;
    private final SchemaCatalog catalog;
    private final String kubeVersion;
    private volatile Cache cache = new Cache(-1, Map.of(), Map.of());

    private record Cache(long generation, Map<String, byte[]> documents, Map<String, String> hashes) {}

    public OpenApiDocuments(ResourceRegistry registry, SchemaCatalog catalog, String kubeVersion) {
        this.registry = registry;
        this.catalog = catalog;
        this.kubeVersion = kubeVersion;
    }

    /** {@code /openapi/v3}: where each group-version's document is. */
    public byte[] root() {
        Cache c = current();
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        c.documents().keySet().stream()
                .sorted()
                .forEach(key -> paths.putObject(key)
                        .put(
                                "serverRelativeURL",
                                "/openapi/v3/" + key + "?hash=" + c.hashes().get(key)));
        return Json.bytes(root);
    }

    /** The document for {@code key} ({@code api/v1}, {@code apis/apps/v1}), if served. */
    public Optional<byte[]> document(String key) {
        return Optional.ofNullable(current().documents().get(key));
    }

    public Optional<String> hash(String key) {
        return Optional.ofNullable(current().hashes().get(key));
    }

    private Cache current() {
        Cache c = cache;
        long generation = registry.generation();
        if (c.generation() != generation) {
            synchronized (this) {
                c = cache;
                if (c.generation() != generation) {
                    c = build(generation);
                    cache = c;
                }
            }
        }
        return c;
    }

    private Cache build(long generation) {
        Map<String, List<ResourceType>> byGv = new LinkedHashMap<>();
        for (ResourceType t : registry.all()) {
            String key = t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
            byGv.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        Map<String, byte[]> docs = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        byGv.forEach((key, types) -> {
            byte[] doc = Json.bytes(document(types));
            docs.put(key, doc);
            hashes.put(key, sha512(doc));
        });
        return new Cache(generation, Map.copyOf(docs), Map.copyOf(hashes));
    }

    private ObjectNode document(List<ResourceType> types) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", kubeVersion);
        ObjectNode paths = doc.putObject("paths");
        List<String> roots = new ArrayList<>(List.of(
                "io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"));
        for (ResourceType t : types) {
            Optional<String> component = catalog.componentOf(t.gvk());
            component.ifPresent(roots::add);
            String listComponent = component
                    .map(c -> c + "List")
                    .filter(c -> catalog.component(c) != null)
                    .orElse(null);
            if (listComponent != null) {
                roots.add(listComponent);
            }
            // kubectl apply computes a strategic merge patch only for kinds whose PATCH operation
            // lists that media type, and falls back to a merge patch otherwise: custom resources
            // must not list it, since the server refuses it for them with 415.
            List<String> patchTypes = (registry.isNative(t) ? PatchType.NATIVE : PatchType.CUSTOM_RESOURCE)
                    .stream().map(PatchType::mediaType).sorted().toList();
            addPaths(paths, t, patchTypes, component.orElse(null), listComponent);
        }
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        catalog.closure(roots).forEach(schemas::set);
        // Every PATCH body refers to it, and no kind's schema brings it along.
        schemas.putObject(PATCH)
                .put("type", "object")
                .put(
                        "description",
                        "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.");
        return doc;
    }

    private static void addPaths(
            ObjectNode paths, ResourceType t, List<String> patchTypes, String component, String listComponent) {
        String base = t.group().isEmpty() ? "/api/" + t.version() : "/apis/" + t.group() + "/" + t.version();
        String collection = t.namespaced() ? base + "/namespaces/{namespace}/" + t.plural() : base + "/" + t.plural();
        String item = collection + "/{name}";
        String kindRef = component == null ? null : "#/components/schemas/" + component;
        String listRef = listComponent == null ? null : "#/components/schemas/" + listComponent;

        ObjectNode coll = paths.putObject(collection);
        coll.set(
                "get",
                operation(
                        t,
                        patchTypes,
                        "list",
                        "list or watch objects of kind " + t.kind(),
                        listRef,
                        false,
                        t.namespaced(),
                        false));
        coll.set(
                "post", operation(t, patchTypes, "post", "create a " + t.kind(), kindRef, true, t.namespaced(), false));
        coll.set(
                "delete",
                operation(
                        t,
                        patchTypes,
                        "deletecollection",
                        "delete collection of " + t.kind(),
                        null,
                        false,
                        t.namespaced(),
                        false));
        ObjectNode one = paths.putObject(item);
        one.set(
                "get",
                operation(
                        t, patchTypes, "get", "read the specified " + t.kind(), kindRef, false, t.namespaced(), true));
        one.set(
                "put",
                operation(
                        t,
                        patchTypes,
                        "put",
                        "replace the specified " + t.kind(),
                        kindRef,
                        true,
                        t.namespaced(),
                        true));
        one.set(
                "patch",
                operation(
                        t,
                        patchTypes,
                        "patch",
                        "partially update the specified " + t.kind(),
                        kindRef,
                        true,
                        t.namespaced(),
                        true));
        one.set(
                "delete",
                operation(t, patchTypes, "delete", "delete a " + t.kind(), null, false, t.namespaced(), true));
        if (t.namespaced()) {
            paths.putObject(base + "/" + t.plural())
                    .set(
                            "get",
                            operation(
                                    t,
                                    patchTypes,
                                    "list",
                                    "list or watch objects of kind " + t.kind(),
                                    listRef,
                                    false,
                                    false,
                                    false));
        }
        if (t.statusSubresource()) {
            ObjectNode status = paths.putObject(item + "/status");
            status.set(
                    "get",
                    operation(
                            t,
                            patchTypes,
                            "get",
                            "read status of the specified " + t.kind(),
                            kindRef,
                            false,
                            t.namespaced(),
                            true));
            status.set(
                    "put",
                    operation(
                            t,
                            patchTypes,
                            "put",
                            "replace status of the specified " + t.kind(),
                            kindRef,
                            true,
                            t.namespaced(),
                            true));
            status.set(
                    "patch",
                    operation(
                            t,
                            patchTypes,
                            "patch",
                            "partially update status of the specified " + t.kind(),
                            kindRef,
                            true,
                            t.namespaced(),
                            true));
        }
    }

    private static ObjectNode operation(
            ResourceType t,
            List<String> patchTypes,
            String action,
            String description,
            String ref,
            boolean write,
            boolean namespaced,
            boolean named) {
        ObjectNode op = Json.MAPPER.createObjectNode();
        op.put("description", description);
        op.put("operationId", action + t.kind());
        ArrayNode params = op.putArray("parameters");
        if (named) {
            pathParam(params, "name", "name of the " + t.kind());
        }
        if (namespaced) {
            pathParam(params, "namespace", "object name and auth scope, such as for teams and projects");
        }
        if (write) {
            queryParam(params, "dryRun", "When present, indicates that modifications should not be persisted.");
            queryParam(
                    params,
                    "fieldManager",
                    "fieldManager is a name associated with the actor or entity that is making these changes.");
            queryParam(
                    params,
                    "fieldValidation",
                    "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn (default), Strict.");
            if (action.equals("patch")) {
                ObjectNode force = queryParam(params, "force", "Force is going to \"force\" Apply requests.");
                force.putObject("schema").put("type", "boolean").put("uniqueItems", true);
            }
            ObjectNode body = op.putObject("requestBody");
            ObjectNode content = body.putObject("content");
            List<String> types = action.equals("patch") ? patchTypes : List.of("*/*");
            for (String type : types) {
                ObjectNode schema = content.putObject(type).putObject("schema");
                if (action.equals("patch")) {
                    schema.put("$ref", "#/components/schemas/" + PATCH);
                } else if (ref != null) {
                    schema.put("$ref", ref);
                } else {
                    schema.put("type", "object");
                }
            }
            body.put("required", true);
        }
        if (action.equals("list")) {
            for (String p : List.of(
                    "allowWatchBookmarks",
                    "continue",
                    "fieldSelector",
                    "labelSelector",
                    "limit",
                    "resourceVersion",
                    "resourceVersionMatch",
                    "sendInitialEvents",
                    "timeoutSeconds",
                    "watch")) {
                queryParam(params, p, p);
            }
        }
        ObjectNode ok = op.putObject("responses").putObject(action.equals("post") ? "201" : "200");
        ok.put("description", "OK");
        ObjectNode okSchema =
                ok.putObject("content").putObject("application/json").putObject("schema");
        if (ref != null) {
            okSchema.put("$ref", ref);
        } else {
            okSchema.put("$ref", "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Status");
        }
        op.put("x-kubernetes-action", action);
        ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
        gvk.put("group", t.group());
        gvk.put("version", t.version());
        gvk.put("kind", t.kind());
        return op;
    }

    private static void pathParam(ArrayNode params, String name, String description) {
        ObjectNode p = params.addObject();
        p.put("name", name);
        p.put("in", "path");
        p.put("description", description);
        p.put("required", true);
        p.putObject("schema").put("type", "string").put("uniqueItems", true);
    }

    private static ObjectNode queryParam(ArrayNode params, String name, String description) {
        ObjectNode p = params.addObject();
        p.put("name", name);
        p.put("in", "query");
        p.put("description", description);
        p.putObject("schema").put("type", "string").put("uniqueItems", true);
        return p;
    }

    private static String sha512(byte[] doc) {
        try {
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-512").digest(doc));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(JsonNode n) {
        return n == null ? "" : new String(Json.bytes(n), StandardCharsets.UTF_8);
    }
}
