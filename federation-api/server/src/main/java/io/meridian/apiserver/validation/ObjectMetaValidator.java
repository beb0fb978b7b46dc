package io.meridian.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.status.StatusCause;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * kube-apiserver's rules for {@code metadata} ({@code ValidateObjectMeta} and
 * {@code ValidateObjectMetaUpdate}), with its causes and messages, plus the silent normalisations its
 * generic registry applies before validating ({@link #reconcileNamespace}, {@link #prepareForCreate},
 * {@link #prepareForUpdate}).
 *
 * <p>Metadata fields of the wrong JSON type are skipped here; {@link #decodeError} reports them as
 * kube's decoder would, for a 400 before validation runs.
 */
public final class ObjectMetaValidator {

    /** kube's total limit for annotation keys and values: 256 KiB. */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    /**
     * Kube's storage refuses a create carrying a resourceVersion with this message (an internal error,
     * 500, in kube-apiserver).
     */
    public static final String RESOURCE_VERSION_ON_CREATE =
            "resourceVersion should not be set on objects to be created";

    static final String FIELD_IMMUTABLE = "field is immutable";

    private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");
    private static final int FIELD_MANAGER_MAX_LENGTH = 128;
    private static final int MAX_SUBRESOURCE_NAME_LENGTH = 256;
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The rule a kind's names follow. */
    public enum NameRule {
        /** Most kinds, and every custom resource: a DNS-1123 subdomain. */
        DNS_SUBDOMAIN,
        /** Namespaces (and names used as namespaces): a DNS-1123 label. */
        DNS_LABEL,
        /** Services: a DNS-1035 label (starts with a letter). */
        DNS1035_LABEL,
        /** RBAC kinds and embedded resources: anything that is a safe URL path segment. */
        PATH_SEGMENT,
        /** No rule (CertificateSigningRequests). */
        ANY;

        /** kube's messages for what is wrong with {@code name}; {@code prefix} for a generateName. */
        public List<String> check(String name, boolean prefix) {
            return switch (this) {
                case DNS_SUBDOMAIN -> Names.isDns1123Subdomain(prefix ? maskTrailingDash(name) : name);
                case DNS_LABEL -> Names.isDns1123Label(prefix ? maskTrailingDash(name) : name);
                case DNS1035_LABEL -> Names.isDns1035Label(prefix ? maskTrailingDash(name) : name);
                case PATH_SEGMENT -> prefix ? Names.isValidPathSegmentPrefix(name) : Names.isValidPathSegmentName(name);
                case ANY -> List.of();
            };
        }

        /** kube replaces a generateName's trailing dash (and the character before it) with an "a". */
        private static String maskTrailingDash(String name) {
            if (name.endsWith("-")) {
                return name.substring(0, Math.max(0, name.length() - 2)) + "a";
            }
            return name;
        }
    }

    private ObjectMetaValidator() {}

    /**
     * Validates {@code metadata} for a create. Name generation must already have happened
     * ({@link #prepareForCreate}). {@code nativeKind} adds the rule kube applies to its built-in kinds
     * only: a finalizer without a {@code /} must be {@code kubernetes}, {@code orphan} or
     * {@code foregroundDeletion} (custom resources get {@link #finalizerWarnings} instead).
     */
    public static List<StatusCause> validateCreate(
            JsonNode metadata, boolean namespaced, NameRule nameRule, boolean nativeKind) {
        JsonNode meta = asObject(metadata);
        FieldPath path = FieldPath.of("metadata");
        List<StatusCause> out = new ArrayList<>();
        create(meta, namespaced, nameRule, path, out);
        if (nativeKind) {
            kubeFinalizerNames(meta, path, out);
        }
        return out;
    }

    /**
     * Validates an update of {@code metadata} against the stored {@code oldMetadata}. Apply
     * {@link #prepareForUpdate} first, as kube does, so that fields kube silently keeps are not
     * reported.
     */
    public static List<StatusCause> validateUpdate(JsonNode metadata, JsonNode oldMetadata, boolean nativeKind) {
        JsonNode meta = asObject(metadata);
        JsonNode old = asObject(oldMetadata);
        FieldPath path = FieldPath.of("metadata");
        List<StatusCause> out = new ArrayList<>();
        if (present(old, "deletionTimestamp")) {
            Set<String> extra = new TreeSet<>(strings(meta, "finalizers"));
            extra.removeAll(strings(old, "finalizers"));
            if (!extra.isEmpty()) {
                out.add(Causes.forbidden(
                        path.child("finalizers").toString(),
                        "no new finalizers can be added if the object is being deleted, found new finalizers "
                                + GoFormat.stringSliceGoSyntax(new ArrayList<>(extra))));
            }
        }
        String resourceVersion = text(meta, "resourceVersion");
        if (resourceVersion.isEmpty()) {
            out.add(Causes.invalid(
                    path.child("resourceVersion").toString(), GoFormat.quote(""), "must be specified for an update"));
        }
        long generation = meta.path("generation").asLong(0);
        if (generation < old.path("generation").asLong(0)) {
            out.add(Causes.invalid(
                    path.child("generation").toString(), String.valueOf(generation), "must not be decremented"));
        }
        immutableString(meta, old, "name", path, out, false);
        immutableString(meta, old, "namespace", path, out, false);
        immutableString(meta, old, "uid", path, out, true);
        immutableTime(meta, old, "creationTimestamp", path, out);
        immutableTime(meta, old, "deletionTimestamp", path, out);
        JsonNode grace = nullToMissing(meta.get("deletionGracePeriodSeconds"));
        JsonNode oldGrace = nullToMissing(old.get("deletionGracePeriodSeconds"));
        if (!Objects.equals(
                grace.isMissingNode() ? null : grace.asLong(), oldGrace.isMissingNode() ? null : oldGrace.asLong())) {
            out.add(Causes.invalid(
                    path.child("deletionGracePeriodSeconds").toString(),
                    grace.isMissingNode() ? "null" : String.valueOf(grace.asLong()),
                    FIELD_IMMUTABLE));
        }
        labels(meta, path, out);
        annotations(meta, path, out);
        ownerReferences(meta, path, out);
        managedFields(meta, path, out);
        if (nativeKind) {
            kubeFinalizerNames(meta, path, out);
        }
        return out;
    }

    /**
     * The metadata of an {@code x-kubernetes-embedded-resource}: names follow the path-segment rule,
     * the name may be empty, and the namespace is optional.
     */
    static List<StatusCause> validateEmbedded(JsonNode metadata, FieldPath path) {
        List<StatusCause> out = new ArrayList<>();
        Optional<String> decode = decodeError(metadata);
        if (decode.isPresent()) {
            out.add(Causes.invalid(path.toString(), GoFormat.value(metadata), decode.get()));
            return out;
        }
        ObjectNode meta = asObject(metadata).deepCopy();
        if (text(meta, "name").isEmpty()) {
            meta.put("name", "fakename");
        }
        create(meta, !text(meta, "namespace").isEmpty(), NameRule.PATH_SEGMENT, path, out);
        return out;
    }

    /**
     * The warnings kube sends for finalizers a custom resource gains: names that are not qualified
     * names, and names without a domain that are not kube's own.
     */
    public static List<String> finalizerWarnings(JsonNode metadata, JsonNode oldMetadata) {
        Set<String> added = new TreeSet<>(strings(asObject(metadata), "finalizers"));
        if (oldMetadata != null) {
            added.removeAll(strings(asObject(oldMetadata), "finalizers"));
        }
        List<String> warnings = new ArrayList<>();
        for (String finalizer : added) {
            for (String msg : Names.isQualifiedName(finalizer)) {
                warnings.add("metadata.finalizers: " + GoFormat.quote(finalizer) + ": " + msg);
            }
            if (!finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
                warnings.add("metadata.finalizers: " + GoFormat.quote(finalizer)
                        + ": prefer a domain-qualified finalizer name to avoid accidental conflicts with other"
                        + " finalizer writers");
            }
        }
        return warnings;
    }

    /**
     * Reconciles the object's namespace with the request's, as kube's handlers do: an empty namespace
     * takes the request's, a cluster-scoped object's namespace is dropped, and a different one is
     * refused.
     *
     * @throws ApiException 400 when a namespaced object names another namespace than the URL
     */
    public static void reconcileNamespace(ObjectNode metadata, boolean namespaced, String requestNamespace) {
        String own = text(metadata, "namespace");
        if (!namespaced) {
            metadata.remove("namespace");
            return;
        }
        if (own.isEmpty()) {
            metadata.put("namespace", requestNamespace == null ? "" : requestNamespace);
        } else if (requestNamespace != null && !requestNamespace.isEmpty() && !own.equals(requestNamespace)) {
            throw ApiException.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /**
     * What kube's registry does to metadata before validating a create: deletion fields dropped, a
     * name generated from {@code generateName}, creation time and uid set.
     */
    public static void prepareForCreate(ObjectNode metadata, Instant now, String uid) {
        metadata.remove("deletionTimestamp");
        metadata.remove("deletionGracePeriodSeconds");
        metadata.put("creationTimestamp", RFC3339.format(now));
        metadata.put("uid", uid);
        String generateName = text(metadata, "generateName");
        if (text(metadata, "name").isEmpty() && !generateName.isEmpty()) {
            metadata.put("name", generateName(generateName));
        }
    }

    /**
     * What kube's registry silently keeps from the stored object on an update: generation, uid when
     * absent, creation time, deletion time and grace period.
     */
    public static void prepareForUpdate(ObjectNode metadata, JsonNode oldMetadata) {
        JsonNode old = asObject(oldMetadata);
        copyOrRemove(metadata, old, "generation");
        if (text(metadata, "uid").isEmpty() && present(old, "uid")) {
            metadata.set("uid", old.get("uid"));
        }
        if (present(old, "creationTimestamp")) {
            metadata.set("creationTimestamp", old.get("creationTimestamp"));
        }
        if (present(old, "deletionTimestamp")) {
            metadata.set("deletionTimestamp", old.get("deletionTimestamp"));
        }
        if (present(old, "deletionGracePeriodSeconds")) {
            metadata.set("deletionGracePeriodSeconds", old.get("deletionGracePeriodSeconds"));
        }
    }

    /** kube's name generator: the prefix (cut to 58 characters) and five random characters. */
    public static String generateName(String prefix) {
        String base = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
        StringBuilder sb = new StringBuilder(base);
        for (int i = 0; i < 5; i++) {
            sb.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
        }
        return sb.toString();
    }

    /** Whether kube's storage would refuse this create for carrying a resourceVersion. */
    public static boolean resourceVersionSetOnCreate(JsonNode metadata) {
        String rv = text(asObject(metadata), "resourceVersion");
        return !rv.isEmpty() && !rv.equals("0");
    }

    /**
     * The error kube's JSON decoder reports for a metadata field of the wrong type, such as {@code json:
     * cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string}.
     */
    public static Optional<String> decodeError(JsonNode metadata) {
        if (metadata == null || metadata.isNull() || metadata.isMissingNode()) {
            return Optional.empty();
        }
        if (!metadata.isObject()) {
            return Optional.of("json: cannot unmarshal " + jsonKind(metadata) + " into Go struct field "
                    + "metadata of type v1.ObjectMeta");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            String field = "metadata." + e.getKey();
            switch (e.getKey()) {
                case "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion" -> {
                    if (!v.isTextual()) {
                        return mismatch("ObjectMeta", field, v, "string");
                    }
                }
                case "generation", "deletionGracePeriodSeconds" -> {
                    if (!GoFormat.isInteger(v)) {
                        return mismatch("ObjectMeta", field, v, "int64");
                    }
                }
                case "labels", "annotations" -> {
                    if (!v.isObject()) {
                        return mismatch("ObjectMeta", field, v, "map[string]string");
                    }
                    for (JsonNode value : v) {
                        if (!value.isTextual() && !value.isNull()) {
                            return mismatch("ObjectMeta", field, value, "string");
                        }
                    }
                }
                case "finalizers" -> {
                    if (!v.isArray()) {
                        return mismatch("ObjectMeta", field, v, "[]string");
                    }
                    for (JsonNode value : v) {
                        if (!value.isTextual() && !value.isNull()) {
                            return mismatch("ObjectMeta", field, value, "string");
                        }
                    }
                }
                case "ownerReferences" -> {
                    if (!v.isArray()) {
                        return mismatch("ObjectMeta", field, v, "[]v1.OwnerReference");
                    }
                    for (JsonNode ref : v) {
                        if (!ref.isObject() && !ref.isNull()) {
                            return mismatch("ObjectMeta", field, ref, "v1.OwnerReference");
                        }
                        for (String s : List.of("apiVersion", "kind", "name", "uid")) {
                            JsonNode x = ref.path(s);
                            if (!x.isMissingNode() && !x.isNull() && !x.isTextual()) {
                                return mismatch("OwnerReference", field + "." + s, x, "string");
                            }
                        }
                        for (String b : List.of("controller", "blockOwnerDeletion")) {
                            JsonNode x = ref.path(b);
                            if (!x.isMissingNode() && !x.isNull() && !x.isBoolean()) {
                                return mismatch("OwnerReference", field + "." + b, x, "bool");
                            }
                        }
                    }
                }
                case "managedFields" -> {
                    if (!v.isArray()) {
                        return mismatch("ObjectMeta", field, v, "[]v1.ManagedFieldsEntry");
                    }
                }
                default -> {
                    // timestamps and unknown fields are reported elsewhere
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> mismatch(String struct, String field, JsonNode v, String goType) {
        return Optional.of("json: cannot unmarshal " + jsonKind(v) + " into Go struct field " + struct + "." + field
                + " of type " + goType);
    }

    private static String jsonKind(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isNumber()) {
            return GoFormat.isInteger(v) ? "number" : "number " + v.asText();
        }
        if (v.isBoolean()) {
            return "bool";
        }
        return v.isArray() ? "array" : "object";
    }

    /** {@code apiVersion} parses as kube's {@code ParseGroupVersion}: at most one slash. */
    static boolean isGroupVersion(String apiVersion) {
        return apiVersion.chars().filter(c -> c == '/').count() <= 1;
    }

    // ---- the rules ----------------------------------------------------------------------------

    private static void create(
            JsonNode meta, boolean namespaced, NameRule nameRule, FieldPath path, List<StatusCause> out) {
        String generateName = text(meta, "generateName");
        if (!generateName.isEmpty()) {
            for (String msg : nameRule.check(generateName, true)) {
                out.add(Causes.invalid(path.child("generateName").toString(), GoFormat.quote(generateName), msg));
            }
        }
        String name = text(meta, "name");
        if (name.isEmpty()) {
            out.add(Causes.required(path.child("name").toString(), "name or generateName is required"));
        } else {
            for (String msg : nameRule.check(name, false)) {
                out.add(Causes.invalid(path.child("name").toString(), GoFormat.quote(name), msg));
            }
        }
        String namespace = text(meta, "namespace");
        if (namespaced) {
            if (namespace.isEmpty()) {
                out.add(Causes.required(path.child("namespace").toString(), ""));
            } else {
                for (String msg : NameRule.DNS_LABEL.check(namespace, false)) {
                    out.add(Causes.invalid(path.child("namespace").toString(), GoFormat.quote(namespace), msg));
                }
            }
        } else if (!namespace.isEmpty()) {
            out.add(Causes.forbidden(path.child("namespace").toString(), "not allowed on this type"));
        }
        JsonNode generation = meta.get("generation");
        if (generation != null && GoFormat.isInteger(generation) && generation.longValue() < 0) {
            out.add(Causes.invalid(
                    path.child("generation").toString(),
                    String.valueOf(generation.longValue()),
                    "must be greater than or equal to 0"));
        }
        labels(meta, path, out);
        annotations(meta, path, out);
        ownerReferences(meta, path, out);
        finalizers(meta, path, out);
        managedFields(meta, path, out);
    }

    private static void labels(JsonNode meta, FieldPath path, List<StatusCause> out) {
        JsonNode labels = meta.get("labels");
        if (labels == null || !labels.isObject()) {
            return;
        }
        String field = path.child("labels").toString();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (String msg : Names.isQualifiedName(e.getKey())) {
                out.add(Causes.invalid(field, GoFormat.quote(e.getKey()), msg));
            }
            String value = e.getValue().isTextual() ? e.getValue().textValue() : "";
            for (String msg : Names.isValidLabelValue(value)) {
                out.add(Causes.invalid(field, GoFormat.quote(value), msg));
            }
        }
    }

    private static void annotations(JsonNode meta, FieldPath path, List<StatusCause> out) {
        JsonNode annotations = meta.get("annotations");
        if (annotations == null || !annotations.isObject()) {
            return;
        }
        String field = path.child("annotations").toString();
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            // Annotation keys are qualified names in which case does not matter.
            for (String msg : Names.isQualifiedName(e.getKey().toLowerCase(Locale.ROOT))) {
                out.add(Causes.invalid(field, GoFormat.quote(e.getKey()), msg));
            }
            total += Names.byteLength(e.getKey());
            if (e.getValue().isTextual()) {
                total += Names.byteLength(e.getValue().textValue());
            }
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
            out.add(Causes.tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
        }
    }

    private static void ownerReferences(JsonNode meta, FieldPath path, List<StatusCause> out) {
        JsonNode refs = meta.get("ownerReferences");
        if (refs == null || !refs.isArray()) {
            return;
        }
        FieldPath refsPath = path.child("ownerReferences");
        String firstController = "";
        for (JsonNode ref : refs) {
            if (!ref.isObject()) {
                continue;
            }
            String apiVersion = text(ref, "apiVersion");
            String kind = text(ref, "kind");
            String name = text(ref, "name");
            String uid = text(ref, "uid");
            String version = "";
            String group = "";
            if (isGroupVersion(apiVersion) && !apiVersion.equals("/")) {
                int slash = apiVersion.indexOf('/');
                version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
                group = slash < 0 ? "" : apiVersion.substring(0, slash);
            }
            if (version.isEmpty()) {
                out.add(Causes.invalid(
                        refsPath.child("apiVersion").toString(),
                        GoFormat.quote(apiVersion),
                        "version must not be empty"));
            }
            if (kind.isEmpty()) {
                out.add(Causes.invalid(refsPath.child("kind").toString(), GoFormat.quote(kind), "must not be empty"));
            }
            if (name.isEmpty()) {
                out.add(Causes.invalid(refsPath.child("name").toString(), GoFormat.quote(name), "must not be empty"));
            }
            if (uid.isEmpty()) {
                out.add(Causes.invalid(refsPath.child("uid").toString(), GoFormat.quote(uid), "must not be empty"));
            }
            if (group.isEmpty() && version.equals("v1") && kind.equals("Event")) {
                ArrayNode one = JsonNodeFactory.instance.arrayNode().add(ownerReferenceJson(ref));
                String rendered = ownerReferencesGo(one);
                out.add(Causes.invalid(
                        refsPath.toString(),
                        rendered.substring(1, rendered.length() - 1),
                        "/v1, Kind=Event is disallowed from being an owner"));
            }
            if (ref.path("controller").asBoolean(false)) {
                String current = kind + "/" + name;
                if (!firstController.isEmpty()) {
                    ArrayNode all = JsonNodeFactory.instance.arrayNode();
                    refs.forEach(r -> all.add(ownerReferenceJson(r)));
                    out.add(Causes.invalid(
                            refsPath.toString(),
                            ownerReferencesGo(all),
                            "Only one reference can have Controller set to true. Found \"true\" in references for "
                                    + firstController + " and " + current));
                } else {
                    firstController = current;
                }
            }
        }
    }

    /** An owner reference with Go's field order and omissions, as json.Marshal prints it. */
    private static ObjectNode ownerReferenceJson(JsonNode ref) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", text(ref, "apiVersion"));
        o.put("kind", text(ref, "kind"));
        o.put("name", text(ref, "name"));
        o.put("uid", text(ref, "uid"));
        for (String b : List.of("controller", "blockOwnerDeletion")) {
            if (ref.path(b).isBoolean()) {
                o.put(b, ref.path(b).booleanValue());
            }
        }
        return o;
    }

    /** Go marshals struct fields in declaration order, not sorted, so print them by hand. */
    private static String ownerReferencesGo(ArrayNode refs) {
        List<String> items = new ArrayList<>();
        for (JsonNode r : refs) {
            List<String> fields = new ArrayList<>();
            r.fields()
                    .forEachRemaining(
                            e -> fields.add(GoFormat.jsonString(e.getKey()) + ":" + GoFormat.json(e.getValue())));
            items.add("{" + String.join(",", fields) + "}");
        }
        return "[" + String.join(",", items) + "]";
    }

    private static void finalizers(JsonNode meta, FieldPath path, List<StatusCause> out) {
        List<String> finalizers = strings(meta, "finalizers");
        String field = path.child("finalizers").toString();
        for (String finalizer : finalizers) {
            for (String msg : Names.isQualifiedName(finalizer)) {
                out.add(Causes.invalid(field, GoFormat.quote(finalizer), msg));
            }
        }
        if (finalizers.contains("orphan") && finalizers.contains("foregroundDeletion")) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            finalizers.forEach(list::add);
            out.add(Causes.invalid(
                    field, GoFormat.json(list), "finalizer orphan and foregroundDeletion cannot be both set"));
        }
    }

    /** Built-in kinds only: an unqualified finalizer must be one of kube's own. */
    private static void kubeFinalizerNames(JsonNode meta, FieldPath path, List<StatusCause> out) {
        List<String> finalizers = strings(meta, "finalizers");
        for (int i = 0; i < finalizers.size(); i++) {
            String finalizer = finalizers.get(i);
            if (!finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
                out.add(Causes.invalid(
                        path.child("finalizers").index(i).toString(),
                        GoFormat.quote(finalizer),
                        "name is neither a standard finalizer name nor is it fully qualified"));
            }
        }
    }

    private static void managedFields(JsonNode meta, FieldPath path, List<StatusCause> out) {
        JsonNode entries = meta.get("managedFields");
        if (entries == null || !entries.isArray()) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            FieldPath p = path.child("managedFields").index(i);
            String operation = text(entry, "operation");
            if (!operation.equals("Apply") && !operation.equals("Update")) {
                out.add(Causes.invalid(
                        p.child("operation").toString(), GoFormat.quote(operation), "must be `Apply` or `Update`"));
            }
            String fieldsType = text(entry, "fieldsType");
            if (!fieldsType.isEmpty() && !fieldsType.equals("FieldsV1")) {
                out.add(Causes.invalid(
                        p.child("fieldsType").toString(), GoFormat.quote(fieldsType), "must be `FieldsV1`"));
            }
            String manager = text(entry, "manager");
            if (Names.byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) {
                out.add(Causes.tooLong(p.child("manager").toString(), FIELD_MANAGER_MAX_LENGTH));
            }
            int offset = 0;
            for (int cp : manager.codePoints().toArray()) {
                if (!GoFormat.isPrint(cp)) {
                    out.add(Causes.invalid(
                            p.child("manager").toString(),
                            GoFormat.quote(manager),
                            String.format("invalid character U+%04X (at position %d)", cp, offset)));
                }
                offset += Names.byteLength(new String(Character.toChars(cp)));
            }
            if (Names.byteLength(text(entry, "subresource")) > MAX_SUBRESOURCE_NAME_LENGTH) {
                out.add(Causes.tooLong(p.child("subresource").toString(), MAX_SUBRESOURCE_NAME_LENGTH));
            }
        }
    }

    private static void immutableString(
            JsonNode meta, JsonNode old, String name, FieldPath path, List<StatusCause> out, boolean json) {
        String now = text(meta, name);
        if (!now.equals(text(old, name))) {
            out.add(Causes.invalid(
                    path.child(name).toString(),
                    json ? GoFormat.jsonString(now) : GoFormat.quote(now),
                    FIELD_IMMUTABLE));
        }
    }

    private static void immutableTime(JsonNode meta, JsonNode old, String name, FieldPath path, List<StatusCause> out) {
        Instant now = instant(meta.get(name));
        if (!Objects.equals(now, instant(old.get(name)))) {
            out.add(Causes.invalid(
                    path.child(name).toString(),
                    now == null ? "null" : GoFormat.jsonString(RFC3339.format(now)),
                    FIELD_IMMUTABLE));
        }
    }

    /** A metav1.Time as kube compares them: to the second, absent and unparsable alike as zero. */
    private static Instant instant(JsonNode v) {
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.textValue()).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---- JSON helpers -------------------------------------------------------------------------

    private static ObjectNode asObject(JsonNode v) {
        return v != null && v.isObject() ? (ObjectNode) v : JsonNodeFactory.instance.objectNode();
    }

    private static String text(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v != null && v.isTextual() ? v.textValue() : "";
    }

    private static boolean present(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v != null && !v.isNull() && !(v.isTextual() && v.textValue().isEmpty());
    }

    private static JsonNode nullToMissing(JsonNode v) {
        return v == null || v.isNull() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : v;
    }

    private static void copyOrRemove(ObjectNode target, JsonNode source, String field) {
        JsonNode v = source.get(field);
        if (v == null || v.isNull()) {
            target.remove(field);
        } else {
            target.set(field, v);
        }
    }

    private static List<String> strings(JsonNode obj, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = obj.get(field);
        if (v != null && v.isArray()) {
            v.forEach(x -> {
                if (x.isTextual()) {
                    out.add(x.textValue());
                }
            });
        }
        return out;
    }
}
