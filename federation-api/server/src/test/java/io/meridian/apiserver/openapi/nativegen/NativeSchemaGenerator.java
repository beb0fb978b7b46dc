package io.meridian.apiserver.openapi.nativegen;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the OpenAPI v3 documents of the native kinds the API server serves, one per
 * group-version, in kube-apiserver's format, plus {@code index.json} with each kind's resource
 * facts. The output is committed under {@code federation-api/server/src/main/resources/openapi/native/};
 * this class only runs on demand, never in the build.
 *
 * <p>Where each fact comes from:
 *
 * <ul>
 *   <li>fields and their types: the fabric8 model classes on the test classpath (reflection over
 *       their {@code @JsonProperty} fields);
 *   <li>descriptions: the Javadoc fabric8 copies from upstream, read from the model's {@code
 *       -sources.jar}; missing ones (fabric8 has none for fields that refer to object types) from
 *       the TypeScript declarations of the npm packages {@code kubernetes-models} and {@code
 *       @kubernetes-models/apimachinery} when given, then from the old upstream documents;
 *   <li>required fields, patch strategies and merge keys, {@code Time} and {@code byte} formats of
 *       fields that fabric8 types as plain strings: the Kubernetes 1.14 and 1.13 OpenAPI v2
 *       documents that Debian's {@code golang-k8s-kube-openapi-dev} ships as test data;
 *   <li>list types and map keys, and everything newer than 1.14: {@code nativegen/supplement.yaml};
 *       lists it does not name fall back to kube's own rule (merge strategy with a key: a map
 *       keyed by it; merge strategy on scalars: a set; otherwise atomic);
 *   <li>resource names, scope and subresources: {@code nativegen/kinds.yaml}.
 * </ul>
 *
 * <p>To re-run (from the repository root, JDK 25 as {@code JAVA_HOME}):
 *
 * <pre>
 * apt-get download golang-k8s-kube-openapi-dev &amp;&amp; dpkg -x golang-k8s-kube-openapi-dev_*.deb /tmp/kube-openapi
 * for m in core apps batch networking coordination apiextensions autoscaling events policy; do
 *   ./mvnw -B -q dependency:get -Dartifact=io.fabric8:kubernetes-model-$m:7.5.2:jar:sources; done
 * (cd /tmp &amp;&amp; npm pack kubernetes-models@5.1.0 @kubernetes-models/apimachinery@3.0.2 \
 *   &amp;&amp; mkdir -p km am &amp;&amp; tar xzf kubernetes-models-5.1.0.tgz -C km \
 *   &amp;&amp; tar xzf kubernetes-models-apimachinery-3.0.2.tgz -C am)
 * ./mvnw -B -o -q -pl federation-api/server test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * K=/tmp/kube-openapi/usr/share/gocode/src/k8s.io/kube-openapi
 * java -cp federation-api/server/target/test-classes:federation-api/server/target/classes:$(cat /tmp/cp.txt) \
 *   io.meridian.apiserver.openapi.nativegen.NativeSchemaGenerator \
 *   --swagger $K/test/integration/testdata/aggregator/openapi.json \
 *   --swagger $K/pkg/schemaconv/testdata/swagger.json \
 *   --sources-dir ~/.m2/repository/io/fabric8 \
 *   --ts-models /tmp/km/package --ts-models /tmp/am/package \
 *   --out federation-api/server/src/main/resources/openapi/native \
 *   --legacy-facts-out federation-api/server/src/test/resources/nativegen/legacy-facts.json
 * </pre>
 *
 * <p>{@code --legacy-facts-out} saves, without descriptions, what was used from the old upstream
 * documents, so that {@code NativeSchemaGeneratorTest} can regenerate every document's structure
 * and compare it with what is committed, with no download.
 *
 * <p>{@code --swagger} may be repeated (most authoritative first); {@code --sources} names one
 * sources jar and may be repeated; {@code --sources-dir} takes every {@code
 * kubernetes-model-*-7.5.2-sources.jar} below a directory; {@code --ts-models} (optional,
 * repeatable) names the {@code package} directory of an unpacked npm tarball.
 */
public final class NativeSchemaGenerator {

    static final String KINDS_RESOURCE = "/nativegen/kinds.yaml";
    static final String FABRIC8_VERSION = "7.5.2";
    /** The Kubernetes release fabric8 7.5.2's model was generated from. */
    static final String KUBERNETES_VERSION = "v1.34.1";

    private static final String REF_PREFIX = "#/components/schemas/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Roots every document carries, as kube-apiserver puts them in each group-version's document. */
    private static final List<String> META_ROOTS = List.of(
            "io.fabric8.kubernetes.api.model.ObjectMeta",
            "io.fabric8.kubernetes.api.model.ListMeta",
            "io.fabric8.kubernetes.api.model.Status",
            "io.fabric8.kubernetes.api.model.DeleteOptions",
            "io.fabric8.kubernetes.api.model.WatchEvent",
            "io.fabric8.kubernetes.api.model.APIResourceList");

    /** Hand-written definitions whose values are not plain structs. */
    private static final Set<String> NOT_STRUCTS = Set.of(
            DefinitionNames.TIME,
            DefinitionNames.MICRO_TIME,
            DefinitionNames.DURATION,
            DefinitionNames.INT_OR_STRING,
            DefinitionNames.QUANTITY,
            DefinitionNames.RAW_EXTENSION,
            DefinitionNames.FIELDS_V1,
            DefinitionNames.JSON,
            DefinitionNames.APIEXTENSIONS + "JSONSchemaPropsOrArray",
            DefinitionNames.APIEXTENSIONS + "JSONSchemaPropsOrBool",
            DefinitionNames.APIEXTENSIONS + "JSONSchemaPropsOrStringArray");

    /** Fields that are non-pointer structs in every upstream type that has them. */
    private static final Set<String> STRUCT_VALUED = Set.of("metadata", "spec", "status", "template");

    private static final String SCALE_MODEL = "io.fabric8.kubernetes.api.model.autoscaling.v1.Scale";

    private final SourceDescriptions docs;
    private final TypeScriptDescriptions tsDocs;
    private final LegacySwagger legacy;
    private final Supplement supplement;
    private final Map<String, ObjectNode> definitions = new HashMap<>();
    private final Map<String, Set<String>> references = new HashMap<>();
    private final Map<String, Class<?>> classes = new HashMap<>();

    NativeSchemaGenerator(
            SourceDescriptions docs, TypeScriptDescriptions tsDocs, LegacySwagger legacy, Supplement supplement) {
        this.docs = docs;
        this.tsDocs = tsDocs;
        this.legacy = legacy;
        this.supplement = supplement;
    }

    public static void main(String[] args) throws IOException {
        List<Path> swaggers = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        List<Path> tsModels = new ArrayList<>();
        Path out = null;
        Path factsOut = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--swagger" -> swaggers.add(Path.of(require(args[i], value)));
                case "--sources" -> sources.add(Path.of(require(args[i], value)));
                case "--sources-dir" -> sources.addAll(findSourcesJars(Path.of(require(args[i], value))));
                case "--ts-models" -> tsModels.add(Path.of(require(args[i], value)));
                case "--legacy-facts-out" -> factsOut = Path.of(require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        if (out == null || sources.isEmpty() || swaggers.isEmpty()) {
            throw new IllegalArgumentException(
                    "usage: --swagger FILE... (--sources JAR | --sources-dir DIR)... --out DIR; see the Javadoc");
        }
        LegacySwagger legacy = LegacySwagger.read(swaggers);
        NativeSchemaGenerator generator = new NativeSchemaGenerator(
                SourceDescriptions.read(sources), TypeScriptDescriptions.read(tsModels), legacy, Supplement.load());
        generator.writeAll(out);
        if (factsOut != null) {
            legacy.writeFacts(factsOut);
        }
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    private static List<Path> findSourcesJars(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("kubernetes-model-") && n.endsWith("-" + FABRIC8_VERSION + "-sources.jar");
                    })
                    .sorted()
                    .toList();
        }
    }

    /** The kinds catalogue ({@code nativegen/kinds.yaml}). */
    static JsonNode catalogue() {
        try (InputStream in = NativeSchemaGenerator.class.getResourceAsStream(KINDS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + KINDS_RESOURCE);
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in).path("groupVersions");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeAll(Path out) throws IOException {
        Files.createDirectories(out);
        JsonNode catalogue = catalogue();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        for (JsonNode gv : catalogue) {
            ObjectNode document = document(gv, catalogue);
            Files.writeString(
                    out.resolve(gv.path("file").asText()),
                    mapper.writeValueAsString(sorted(document)) + "\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(
                out.resolve("index.json"), mapper.writeValueAsString(index(catalogue)) + "\n", StandardCharsets.UTF_8);
    }

    /** One group-version's document: every kind, its list, what they refer to, and the meta types. */
    ObjectNode document(JsonNode gv, JsonNode catalogue) {
        List<String> roots = new ArrayList<>();
        boolean scale = false;
        for (JsonNode r : gv.path("resources")) {
            roots.add(r.path("model").asText());
            roots.add(r.path("model").asText() + "List");
            scale |= r.has("scale");
        }
        for (JsonNode k : gv.path("otherKinds")) {
            roots.add(k.path("model").asText());
        }
        if (scale) {
            roots.add(SCALE_MODEL);
        }
        roots.addAll(META_ROOTS);

        Set<String> included = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        for (String root : roots) {
            queue.add(define(load(root)));
        }
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (included.add(name)) {
                queue.addAll(references.getOrDefault(name, Set.of()));
            }
        }
        ObjectNode schemas = JSON.objectNode();
        Map<String, ArrayNode> gvks = groupVersionKinds(catalogue);
        for (String name : included) {
            ObjectNode schema = definitions.get(name).deepCopy();
            ArrayNode gvk = gvks.get(name);
            if (gvk != null) {
                schema.set("x-kubernetes-group-version-kind", gvk.deepCopy());
            }
            schemas.set(name, schema);
        }
        ObjectNode document = JSON.objectNode();
        document.put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes").put("version", KUBERNETES_VERSION);
        document.putObject("paths");
        document.putObject("components").set("schemas", schemas);
        return document;
    }

    /** The {@code x-kubernetes-group-version-kind} of every kind definition. */
    private Map<String, ArrayNode> groupVersionKinds(JsonNode catalogue) {
        Map<String, ArrayNode> out = new HashMap<>();
        ArrayNode everyGroup = JSON.arrayNode();
        everyGroup.add(gvk("", "v1", null));
        for (JsonNode gv : catalogue) {
            String[] parts = splitGroupVersion(gv.path("groupVersion").asText());
            if (!parts[0].isEmpty()) {
                everyGroup.add(gvk(parts[0], parts[1], null));
            }
            for (JsonNode r : gv.path("resources")) {
                String kind = r.path("kind").asText();
                out.put(definitionOf(r), JSON.arrayNode().add(gvk(parts[0], parts[1], kind)));
                out.put(definitionOf(r) + "List", JSON.arrayNode().add(gvk(parts[0], parts[1], kind + "List")));
            }
            for (JsonNode k : gv.path("otherKinds")) {
                out.put(
                        definitionOf(k),
                        JSON.arrayNode()
                                .add(gvk(parts[0], parts[1], k.path("kind").asText())));
            }
        }
        for (String kind : List.of("DeleteOptions", "WatchEvent")) {
            ArrayNode list = JSON.arrayNode();
            everyGroup.forEach(g -> list.add(((ObjectNode) g.deepCopy()).put("kind", kind)));
            out.put(DefinitionNames.META + kind, list);
        }
        for (String kind : List.of("Status", "APIResourceList")) {
            out.put(DefinitionNames.META + kind, JSON.arrayNode().add(gvk("", "v1", kind)));
        }
        return out;
    }

    private static ObjectNode gvk(String group, String version, String kind) {
        ObjectNode n = JSON.objectNode().put("group", group);
        if (kind != null) {
            n.put("kind", kind);
        }
        return n.put("version", version);
    }

    private static String[] splitGroupVersion(String gv) {
        int slash = gv.indexOf('/');
        return slash < 0 ? new String[] {"", gv} : new String[] {gv.substring(0, slash), gv.substring(slash + 1)};
    }

    private static String definitionOf(JsonNode kindEntry) {
        return DefinitionNames.of(load(kindEntry.path("model").asText()));
    }

    /** {@code index.json}: per group-version its document and its kinds' resource facts. */
    ObjectNode index(JsonNode catalogue) {
        ObjectNode index = JSON.objectNode();
        index.put("kubernetesVersion", KUBERNETES_VERSION);
        ArrayNode gvs = index.putArray("groupVersions");
        for (JsonNode gv : catalogue) {
            String[] parts = splitGroupVersion(gv.path("groupVersion").asText());
            ObjectNode entry = gvs.addObject();
            entry.put("groupVersion", gv.path("groupVersion").asText());
            entry.put("group", parts[0]);
            entry.put("version", parts[1]);
            entry.put("file", gv.path("file").asText());
            ArrayNode kinds = entry.putArray("kinds");
            for (JsonNode r : gv.path("resources")) {
                ObjectNode k = kinds.addObject();
                k.put("group", parts[0]);
                k.put("version", parts[1]);
                k.put("kind", r.path("kind").asText());
                k.put("listKind", r.path("kind").asText() + "List");
                k.put("plural", r.path("plural").asText());
                k.put("singular", r.path("singular").asText());
                k.set("shortNames", strings(r.path("shortNames")));
                k.set("categories", strings(r.path("categories")));
                k.put("namespaced", r.path("namespaced").asBoolean());
                k.put("definition", definitionOf(r));
                ObjectNode sub = k.putObject("subresources");
                if (r.path("status").asBoolean(false)) {
                    sub.putObject("status");
                }
                if (r.has("scale")) {
                    sub.set("scale", r.get("scale").deepCopy());
                }
            }
            ArrayNode others = entry.putArray("otherKinds");
            for (JsonNode k : gv.path("otherKinds")) {
                others.addObject()
                        .put("group", parts[0])
                        .put("version", parts[1])
                        .put("kind", k.path("kind").asText())
                        .put("definition", definitionOf(k));
            }
        }
        return index;
    }

    private static ArrayNode strings(JsonNode list) {
        ArrayNode out = JSON.arrayNode();
        list.forEach(v -> out.add(v.asText()));
        return out;
    }

    static Class<?> load(String className) {
        try {
            return Class.forName(className, false, NativeSchemaGenerator.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("fabric8 model class not on the classpath: " + className, e);
        }
    }

    /** The definition of one model type, built on first use together with everything it refers to. */
    String define(Class<?> type) {
        String name = DefinitionNames.of(type);
        if (name == null) {
            throw new IllegalArgumentException("not a model type: " + type);
        }
        Class<?> earlier = classes.putIfAbsent(name, type);
        if (earlier != null && earlier != type) {
            throw new IllegalStateException(name + " maps from both " + earlier + " and " + type);
        }
        if (definitions.containsKey(name)) {
            return name;
        }
        ObjectNode special = special(name);
        if (special != null) {
            definitions.put(name, special);
            references.put(name, Set.of());
            return name;
        }
        Set<String> refs = new LinkedHashSet<>();
        references.put(name, refs);
        ObjectNode placeholder = JSON.objectNode();
        definitions.put(name, placeholder); // breaks cycles such as JSONSchemaProps
        placeholder.setAll(object(type, name, refs));
        return name;
    }

    /** Defines a type that fabric8 has no class of its own for (Time, JSON, RawExtension). */
    private String defineSpecial(String name) {
        if (!definitions.containsKey(name)) {
            ObjectNode special = special(name);
            if (special == null) {
                throw new IllegalStateException("no hand-written definition of " + name);
            }
            definitions.put(name, special);
            references.put(name, Set.of());
        }
        return name;
    }

    /** The built definition, for tests. */
    ObjectNode definition(String name) {
        return definitions.get(name);
    }

    /** Types whose JSON form is not their Java form: kube describes them by hand too. */
    private ObjectNode special(String name) {
        ObjectNode n = JSON.objectNode();
        String description = typeDescription(name, null);
        if (description != null) {
            n.put("description", description);
        }
        switch (name) {
            case DefinitionNames.TIME, DefinitionNames.MICRO_TIME ->
                n.put("type", "string").put("format", "date-time");
            case DefinitionNames.DURATION -> n.put("type", "string");
            case DefinitionNames.INT_OR_STRING -> {
                n.put("format", "int-or-string");
                n.putArray("oneOf")
                        .add(JSON.objectNode().put("type", "integer"))
                        .add(JSON.objectNode().put("type", "string"));
                n.put("x-kubernetes-int-or-string", true);
            }
            case DefinitionNames.QUANTITY -> {
                n.putArray("oneOf")
                        .add(JSON.objectNode().put("type", "string"))
                        .add(JSON.objectNode().put("type", "number"));
                n.put("x-kubernetes-int-or-string", true);
            }
            // Opaque to the schema: their content is whatever the writer put there.
            case DefinitionNames.RAW_EXTENSION, DefinitionNames.FIELDS_V1 ->
                n.put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
            case DefinitionNames.JSON -> n.put("x-kubernetes-preserve-unknown-fields", true);
            case DefinitionNames.APIEXTENSIONS + "JSONSchemaPropsOrArray",
                    DefinitionNames.APIEXTENSIONS + "JSONSchemaPropsOrBool",
                    DefinitionNames.APIEXTENSIONS + "JSONSchemaPropsOrStringArray" ->
                n.put("x-kubernetes-preserve-unknown-fields", true);
            default -> {
                return null;
            }
        }
        return n;
    }

    private String typeDescription(String name, Class<?> type) {
        String d = type == null ? null : docs.ofClass(type);
        if (d == null || d.isEmpty()) {
            d = tsDocs.ofType(name);
        }
        if (d == null) {
            d = legacy.typeDescription(name);
        }
        if (d == null) {
            d = supplement.description(name);
        }
        return d;
    }

    private ObjectNode object(Class<?> type, String name, Set<String> refs) {
        ObjectNode n = JSON.objectNode();
        String description = typeDescription(name, type);
        if (description != null) {
            n.put("description", description);
        }
        n.put("type", "object");
        Map<String, Field> fields = jsonFields(type);
        List<String> required = requiredFields(name, fields.keySet());
        ObjectNode properties = JSON.objectNode();
        for (Map.Entry<String, Field> e : fields.entrySet()) {
            properties.set(
                    e.getKey(), property(type, name, e.getKey(), e.getValue().getGenericType(), refs));
        }
        if (!properties.isEmpty()) {
            n.set("properties", properties);
        }
        if (!required.isEmpty()) {
            ArrayNode r = n.putArray("required");
            required.forEach(r::add);
        }
        String mapType = supplement.mapType(name);
        if (mapType != null) {
            n.put("x-kubernetes-map-type", mapType);
        }
        return n;
    }

    /** The JSON properties of a model class, by name, sorted as kube sorts them. */
    static Map<String, Field> jsonFields(Class<?> type) {
        Map<String, Field> out = new TreeMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                JsonProperty p = f.getAnnotation(JsonProperty.class);
                if (p == null || Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                out.putIfAbsent(p.value().isEmpty() ? f.getName() : p.value(), f);
            }
        }
        return out;
    }

    private List<String> requiredFields(String name, Set<String> fields) {
        List<String> required = supplement.required(name);
        if (required == null) {
            required = legacy.required(name);
        }
        if (required == null) {
            return List.of();
        }
        List<String> present = new ArrayList<>();
        for (String r : required) {
            if (fields.contains(r)) {
                present.add(r);
            }
        }
        return present;
    }

    private ObjectNode property(Class<?> owner, String ownerName, String field, Type javaType, Set<String> refs) {
        ObjectNode schema = valueSchema(ownerName, field, javaType, refs, true);
        // Descriptions and list/patch metadata sit on the property itself, beside an allOf wrapper.
        String description = docs.ofField(owner, field);
        if (description == null) {
            description = tsDocs.ofField(ownerName, field);
        }
        if (description == null) {
            description = legacy.propertyText(ownerName, field, "description");
        }
        if (description == null) {
            description = supplement.fieldText(ownerName, field, "description");
        }
        if (description != null) {
            schema.put("description", description);
        }
        if (schema.has("allOf")
                && isObjectDefinition(schema.get("allOf").get(0).get("$ref").asText())
                && STRUCT_VALUED.contains(field)) {
            // kube gives non-pointer struct fields a zero-value default. Only these names are known to
            // be non-pointers everywhere; a default on a pointer such as a selector would be harmful.
            schema.set("default", JSON.objectNode());
        }
        String patchStrategy = supplement.fieldText(ownerName, field, "patchStrategy");
        if (patchStrategy == null) {
            patchStrategy = legacy.propertyText(ownerName, field, "x-kubernetes-patch-strategy");
        }
        String mergeKey = supplement.fieldText(ownerName, field, "patchMergeKey");
        if (mergeKey == null) {
            mergeKey = legacy.propertyText(ownerName, field, "x-kubernetes-patch-merge-key");
        }
        if (patchStrategy != null && !patchStrategy.isEmpty()) {
            schema.put("x-kubernetes-patch-strategy", patchStrategy);
        }
        if (mergeKey != null && !mergeKey.isEmpty()) {
            schema.put("x-kubernetes-patch-merge-key", mergeKey);
        }
        if ("array".equals(schema.path("type").asText())) {
            listMetadata(ownerName, field, schema, patchStrategy, mergeKey);
        }
        String mapType = supplement.fieldText(ownerName, field, "mapType");
        if (mapType != null) {
            schema.put("x-kubernetes-map-type", mapType);
        }
        JsonNode defaultValue = supplement.field(ownerName, field).get("default");
        if (defaultValue != null) {
            schema.set("default", defaultValue.deepCopy());
        }
        return schema;
    }

    private void listMetadata(
            String ownerName, String field, ObjectNode schema, String patchStrategy, String mergeKey) {
        String listType = supplement.fieldText(ownerName, field, "listType");
        List<String> keys = supplement.fieldList(ownerName, field, "listMapKeys");
        boolean merge = patchStrategy != null && patchStrategy.contains("merge");
        if (listType == null) {
            if (merge && mergeKey != null) {
                listType = "map";
                keys = List.of(mergeKey);
            } else if (merge
                    && !schema.path("items").has("allOf")
                    && !schema.path("items").has("$ref")) {
                listType = "set";
            } else {
                listType = "atomic";
            }
        }
        schema.put("x-kubernetes-list-type", listType);
        if ("map".equals(listType)) {
            if (keys == null || keys.isEmpty()) {
                throw new IllegalStateException(ownerName + "." + field + " is a map list without keys");
            }
            ArrayNode k = schema.putArray("x-kubernetes-list-map-keys");
            keys.forEach(k::add);
        }
    }

    /** Whether values of the definition are structs, which kube defaults to {@code {}} where non-pointer. */
    private static boolean isObjectDefinition(String ref) {
        String name = ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : ref;
        return !NOT_STRUCTS.contains(name);
    }

    /**
     * The schema of a value of {@code javaType} found at {@code ownerName.field} (directly, or as
     * list items or map values). {@code topLevel} is false for items and map values, which kube
     * writes as plain {@code $ref} unless they carry a default.
     */
    private ObjectNode valueSchema(String ownerName, String field, Type javaType, Set<String> refs, boolean topLevel) {
        if (javaType instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            Type[] args = pt.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                ObjectNode n = JSON.objectNode().put("type", "array");
                n.set("items", valueSchema(ownerName, field, args[0], refs, false));
                return n;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode n = JSON.objectNode().put("type", "object");
                n.set("additionalProperties", valueSchema(ownerName, field, args[1], refs, false));
                return n;
            }
            throw new IllegalStateException("unsupported generic type " + javaType + " at " + ownerName + "." + field);
        }
        Class<?> c = (Class<?>) javaType;
        if (c == String.class) {
            String ref = stringReference(ownerName, field);
            if (ref != null) {
                return reference(ref, refs, topLevel);
            }
            ObjectNode n = JSON.objectNode().put("type", "string");
            String format = supplement.fieldText(ownerName, field, "format");
            if (format == null) {
                format = legacy.scalarFormat(ownerName, field);
            }
            if (format != null && !format.isEmpty()) {
                n.put("format", format);
            }
            return n;
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(c)) {
            String ref = stringReference(ownerName, field);
            return reference(ref == null ? defineSpecial(DefinitionNames.TIME) : ref, refs, topLevel);
        }
        if (c == Integer.class || c == int.class) {
            return JSON.objectNode().put("type", "integer").put("format", "int32");
        }
        if (c == Long.class || c == long.class) {
            return JSON.objectNode().put("type", "integer").put("format", "int64");
        }
        if (c == Double.class || c == double.class) {
            return JSON.objectNode().put("type", "number").put("format", "double");
        }
        if (c == Float.class || c == float.class) {
            return JSON.objectNode().put("type", "number").put("format", "float");
        }
        if (c == Boolean.class || c == boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (c == JsonNode.class) {
            return reference(defineSpecial(DefinitionNames.JSON), refs, topLevel);
        }
        if (c == Object.class
                || c.getName().equals("io.fabric8.kubernetes.api.model.KubernetesResource")
                || c.getName().equals("io.fabric8.kubernetes.api.model.HasMetadata")) {
            String ref = supplement.fieldText(ownerName, field, "ref");
            if (ref == null) {
                ref = legacy.referencedDefinition(ownerName, field);
            }
            if (DefinitionNames.RAW_EXTENSION.equals(ref)) {
                return reference(defineSpecial(ref), refs, topLevel);
            }
            throw new IllegalStateException("no known upstream type for untyped " + ownerName + "." + field);
        }
        String name = define(c);
        return reference(name, refs, topLevel);
    }

    /**
     * fabric8 models {@code Time} and {@code MicroTime} fields as plain strings; the supplement or
     * the old documents say which ones they are, and a name ending in Time or Timestamp is one too.
     */
    private String stringReference(String ownerName, String field) {
        String ref = supplement.fieldText(ownerName, field, "ref");
        if ("none".equals(ref)) {
            return null;
        }
        if (ref == null) {
            String legacyRef = legacy.referencedDefinition(ownerName, field);
            if (DefinitionNames.TIME.equals(legacyRef) || DefinitionNames.MICRO_TIME.equals(legacyRef)) {
                ref = legacyRef;
            }
        }
        if (ref == null
                && legacy.property(ownerName, field).isEmpty()
                && (field.endsWith("Time") || field.endsWith("Timestamp"))) {
            ref = DefinitionNames.TIME;
        }
        if (ref == null) {
            return null;
        }
        return defineSpecial(ref);
    }

    private ObjectNode reference(String name, Set<String> refs, boolean topLevel) {
        refs.add(name);
        ObjectNode target = JSON.objectNode().put("$ref", REF_PREFIX + name);
        if (!topLevel) {
            if (isObjectDefinition(REF_PREFIX + name)) {
                ObjectNode n = JSON.objectNode();
                n.putArray("allOf").add(target);
                n.set("default", JSON.objectNode());
                return n;
            }
            return target;
        }
        ObjectNode n = JSON.objectNode();
        n.putArray("allOf").add(target);
        return n;
    }

    /** A copy with every object's keys in lexical order, as kube-apiserver writes them. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.objectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            fields.forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.arrayNode();
            node.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }
}
