package io.meridian.apiserver.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what kube's strict decoding refuses: fields a schema does not declare, and keys repeated in a
 * JSON object. Used for {@code fieldValidation=Strict} (a 400 naming them all), {@code Warn} (one
 * {@code Warning} header per message) and {@code Ignore} (the unknown fields are dropped silently,
 * as kube drops them when decoding).
 *
 * <p>Walks follow kube's pruning: a field is unknown when its object's schema neither declares it
 * nor has {@code additionalProperties}, unless {@code x-kubernetes-preserve-unknown-fields} keeps it.
 * The root and every {@code x-kubernetes-embedded-resource} keep {@code apiVersion} and {@code kind},
 * and their {@code metadata} is checked against ObjectMeta. Paths read as kube prints them:
 * {@code spec.template.spec.containers[0].imagePullPolicy}.
 *
 * <p>Order: for built-in kinds kube's decoder reports in document order; for custom resources the
 * metadata's unknown fields come first, then the others sorted, as kube's pruning sorts them.
 */
public final class UnknownFields {

    private static final JsonFactory JSON = new JsonFactory();

    /** The fields of {@code metav1.ObjectMeta}, with only the structure unknown-field checks need. */
    static final SchemaNode OBJECT_META = objectMetaSchema();

    private enum Origin {
        ROOT_METADATA,
        SCHEMA,
        EMBEDDED_METADATA
    }

    private record Unknown(String path, Origin origin) {}

    private UnknownFields() {}

    /** The undeclared fields of {@code object}, in the order kube reports them. */
    public static List<String> find(SchemaNode schema, JsonNode object, boolean customResource) {
        List<Unknown> found = new ArrayList<>();
        walkResource(schema, object, "", found, false, Origin.ROOT_METADATA);
        return ordered(found, customResource);
    }

    /**
     * Removes the undeclared fields from {@code object} (kube's behaviour under {@code
     * fieldValidation=Ignore} and {@code Warn}) and returns their paths, as {@link #find} would.
     */
    public static List<String> prune(SchemaNode schema, ObjectNode object, boolean customResource) {
        List<Unknown> found = new ArrayList<>();
        walkResource(schema, object, "", found, true, Origin.ROOT_METADATA);
        return ordered(found, customResource);
    }

    /**
     * The full paths of keys repeated within one JSON object of {@code body}, in document order. What
     * follows a syntax error is not examined: the decoder reports that error itself.
     */
    public static List<String> duplicates(byte[] body) {
        List<String> found = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            scan(p, found);
        } catch (IOException e) {
            // A malformed body: keep what was found before the error.
        }
        return found;
    }

    public static List<String> duplicates(String body) {
        return duplicates(body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code unknown field "spec.foo"}: one strict-decoding error, or one warning. */
    public static String unknownFieldMessage(String path) {
        return "unknown field \"" + path + "\"";
    }

    /** {@code duplicate field "spec.replicas"}: one strict-decoding error, or one warning. */
    public static String duplicateFieldMessage(String path) {
        return "duplicate field \"" + path + "\"";
    }

    /**
     * The strict-decoding errors of a body, duplicates first: under {@code Warn} each is the text of
     * one {@code Warning} header, under {@code Strict} they make up {@link #strictDecodingError}.
     */
    public static List<String> messages(List<String> duplicatePaths, List<String> unknownPaths) {
        List<String> out = new ArrayList<>();
        duplicatePaths.forEach(p -> out.add(duplicateFieldMessage(p)));
        unknownPaths.forEach(p -> out.add(unknownFieldMessage(p)));
        return out;
    }

    /** {@code strict decoding error: unknown field "spec.foo", unknown field "spec.bar"}. */
    public static String strictDecodingError(List<String> messages) {
        return "strict decoding error: " + String.join(", ", messages);
    }

    /**
     * The 400 kube answers under {@code fieldValidation=Strict}: {@code Foo in version "v1" cannot be
     * handled as a Foo: strict decoding error: ...}.
     */
    public static ApiException strictDecodingFailure(GroupVersionKind gvk, List<String> messages) {
        return ApiException.badRequest(gvk.kind() + " in version " + GoFormat.quote(gvk.version())
                + " cannot be handled as a " + gvk.kind() + ": " + strictDecodingError(messages));
    }

    // ---- unknown fields -----------------------------------------------------------------------

    private static List<String> ordered(List<Unknown> found, boolean customResource) {
        List<Unknown> list = new ArrayList<>(found);
        if (customResource) {
            list.sort(Comparator.comparing((Unknown u) -> u.origin().ordinal())
                    .thenComparing(u -> u.origin() == Origin.EMBEDDED_METADATA ? "" : u.path()));
        }
        return list.stream().map(Unknown::path).toList();
    }

    /** An object whose apiVersion, kind and metadata belong to kube rather than to its schema. */
    private static void walkResource(
            SchemaNode s, JsonNode v, String path, List<Unknown> out, boolean prune, Origin metaOrigin) {
        if (v == null || !v.isObject()) {
            walk(s, v, path, out, prune);
            return;
        }
        JsonNode metadata = v.get("metadata");
        if (metadata != null) {
            List<Unknown> meta = new ArrayList<>();
            walk(OBJECT_META, metadata, join(path, "metadata"), meta, prune);
            meta.forEach(u -> out.add(new Unknown(u.path(), metaOrigin)));
        }
        fields(s, (ObjectNode) v, path, out, prune, true);
    }

    private static void walk(SchemaNode s, JsonNode v, String path, List<Unknown> out, boolean prune) {
        // A schema that says nothing (no type, no fields) is taken as "anything", except int-or-string,
        // whose object values kube prunes like any scalar schema's.
        if (s == null || v == null || (s.isAny() && !s.intOrString())) {
            return;
        }
        if (v.isObject()) {
            if (s.embeddedResource()) {
                walkResource(s, v, path, out, prune, Origin.EMBEDDED_METADATA);
            } else {
                fields(s, (ObjectNode) v, path, out, prune, false);
            }
        } else if (v.isArray() && s.raw().path("items").isObject()) {
            SchemaNode items = s.items();
            for (int i = 0; i < v.size(); i++) {
                walk(items, v.get(i), path + "[" + i + "]", out, prune);
            }
        }
    }

    private static void fields(
            SchemaNode s, ObjectNode v, String path, List<Unknown> out, boolean prune, boolean resource) {
        JsonNode additional = s == null ? null : s.raw().get("additionalProperties");
        boolean hasValues = additional != null && (additional.isObject() || additional.asBoolean(false));
        boolean preserve = s != null && s.preserveUnknownFields();
        List<String> remove = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (resource && (key.equals("apiVersion") || key.equals("kind") || key.equals("metadata"))) {
                continue;
            }
            SchemaNode prop = s == null ? null : s.property(key);
            if (prop != null) {
                walk(prop, e.getValue(), join(path, key), out, prune);
            } else if (hasValues) {
                walk(s.additionalProperties(), e.getValue(), join(path, key), out, prune);
            } else if (!preserve) {
                out.add(new Unknown(join(path, key), Origin.SCHEMA));
                remove.add(key);
            }
        }
        if (prune) {
            v.remove(remove);
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    // ---- duplicate fields ---------------------------------------------------------------------

    /** One open JSON container during the duplicate scan. */
    private static final class Frame {
        final String path;
        final boolean array;
        final Set<String> keys = new HashSet<>();
        int index = -1;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }
    }

    private static void scan(JsonParser p, List<String> found) throws IOException {
        Deque<Frame> stack = new ArrayDeque<>();
        String pendingPath = "";
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            Frame top = stack.peek();
            if (t == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                pendingPath = join(top.path, key);
                if (!top.keys.add(key)) {
                    found.add(pendingPath);
                }
                continue;
            }
            if (top != null && top.array && t != JsonToken.END_ARRAY) {
                top.index++;
                pendingPath = top.path + "[" + top.index + "]";
            }
            switch (t) {
                case START_OBJECT -> stack.push(new Frame(top == null ? "" : pendingPath, false));
                case START_ARRAY -> stack.push(new Frame(top == null ? "" : pendingPath, true));
                case END_OBJECT, END_ARRAY -> stack.pop();
                default -> {
                    // scalar values need no tracking
                }
            }
        }
    }

    private static SchemaNode objectMetaSchema() {
        String text = """
                {"type":"object","properties":{
                  "name":{"type":"string"},"generateName":{"type":"string"},"namespace":{"type":"string"},
                  "selfLink":{"type":"string"},"uid":{"type":"string"},"resourceVersion":{"type":"string"},
                  "generation":{"type":"integer"},"creationTimestamp":{"type":"string"},
                  "deletionTimestamp":{"type":"string"},"deletionGracePeriodSeconds":{"type":"integer"},
                  "labels":{"type":"object","additionalProperties":{"type":"string"}},
                  "annotations":{"type":"object","additionalProperties":{"type":"string"}},
                  "ownerReferences":{"type":"array","items":{"type":"object","properties":{
                    "apiVersion":{"type":"string"},"kind":{"type":"string"},"name":{"type":"string"},
                    "uid":{"type":"string"},"controller":{"type":"boolean"},"blockOwnerDeletion":{"type":"boolean"}}}},
                  "finalizers":{"type":"array","items":{"type":"string"}},
                  "managedFields":{"type":"array","items":{"type":"object","properties":{
                    "manager":{"type":"string"},"operation":{"type":"string"},"apiVersion":{"type":"string"},
                    "time":{"type":"string"},"fieldsType":{"type":"string"},"subresource":{"type":"string"},
                    "fieldsV1":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}}
                """;
        try {
            return SchemaNode.of(new ObjectMapper().readTree(text), ref -> null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
