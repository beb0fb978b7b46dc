package io.meridian.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.StatusCause;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates a value against an OpenAPI v3 structural schema the way kube-apiserver validates a custom
 * resource: the OpenAPI checks of kube-openapi with their messages and field paths, then the
 * {@code x-kubernetes-embedded-resource} checks, then the {@code x-kubernetes-list-type} uniqueness
 * checks. Invalid input never throws; every finding is a {@link StatusCause}.
 *
 * <p>Not done here: {@code x-kubernetes-validations} (CEL rules) are ignored; defaulting and the
 * pruning of unknown fields and of {@code null}s in non-nullable fields happen before validation, in
 * the decoding stage ({@link UnknownFields#prune}).
 *
 * <p>As in kube, messages name the field relative to the validated value ({@code spec.replicas in
 * body must be of type integer: "string"}), while the cause's field carries the base path too.
 * Errors that belong to no field ({@code oneOf}...) carry the field {@code <nil>}, as kube reports.
 */
public final class SchemaValidator {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final double MAX_JSON_INTEGER = 9007199254740992d;

    private final String base;
    private final List<StatusCause> out = new ArrayList<>();

    private SchemaValidator(String base) {
        this.base = base == null || base.isEmpty() ? null : base;
    }

    /**
     * Validates a whole object (a custom resource on create, or on update without ratcheting): the
     * schema checks, embedded resources, and list-type uniqueness.
     */
    public static List<StatusCause> validate(SchemaNode schema, JsonNode object) {
        SchemaValidator v = new SchemaValidator(null);
        v.validate(schema, object, "");
        v.embedded(schema, object, FieldPath.ROOT);
        if (object != null && object.isObject()) {
            v.out.addAll(ListTypes.validate(schema, object));
        }
        return List.copyOf(v.out);
    }

    /**
     * Validates an update: as {@link #validate(SchemaNode, JsonNode)}, except that list-type
     * uniqueness is only enforced when the old object satisfied it (kube's ratcheting).
     */
    public static List<StatusCause> validateUpdate(SchemaNode schema, JsonNode object, JsonNode old) {
        SchemaValidator v = new SchemaValidator(null);
        v.validate(schema, object, "");
        v.embedded(schema, object, FieldPath.ROOT);
        if (object != null
                && object.isObject()
                && (old == null
                        || !old.isObject()
                        || ListTypes.validate(schema, old).isEmpty())) {
            v.out.addAll(ListTypes.validate(schema, object));
        }
        return List.copyOf(v.out);
    }

    /**
     * Runs only the OpenAPI checks on a value found at {@code basePath} (for example {@code status}
     * for the status subresource, validated against the status schema).
     */
    public static List<StatusCause> validateValue(SchemaNode schema, JsonNode value, String basePath) {
        SchemaValidator v = new SchemaValidator(basePath);
        v.validate(schema, value, "");
        return List.copyOf(v.out);
    }

    // ---- kube-openapi's SchemaValidator -------------------------------------------------------

    private void validate(SchemaNode s, JsonNode v, String name) {
        if (s == null || s.raw() == null) {
            return;
        }
        List<String> types = types(s);
        String format = Formats.effective(s.format(), types);
        if (v == null || v.isNull() || v.isMissingNode()) {
            checkType(s, types, format, null, name);
            checkEnum(s, null, name);
            return;
        }
        checkType(s, types, format, v, name);
        checkCompositions(s, v, name);
        if (v.isTextual()) {
            checkString(s, v.textValue(), name);
            checkFormat(format, v.textValue(), name);
        }
        if (v.isNumber()) {
            checkNumber(s, v, name);
        }
        if (v.isArray()) {
            checkArray(s, v, name);
        }
        checkEnum(s, v, name);
        if (v.isObject()) {
            checkObject(s, v, name);
        }
    }

    private static List<String> types(SchemaNode s) {
        if (s.intOrString()) {
            return List.of("integer", "string");
        }
        String type = s.type();
        return type == null || type.isEmpty() ? List.of() : List.of(type);
    }

    private void checkType(SchemaNode s, List<String> types, String format, JsonNode v, String name) {
        if (types.isEmpty() && format.isEmpty()) {
            return;
        }
        if (v == null) {
            if (!types.isEmpty() && !types.contains("null") && !s.nullable()) {
                typeError(name, String.join(",", types), "null");
            }
            return;
        }
        String schType;
        String dataFormat = "";
        if (v.isTextual()) {
            schType = "string";
        } else if (v.isBoolean()) {
            schType = "boolean";
        } else if (GoFormat.isInteger(v)) {
            schType = "integer";
            dataFormat = "int64";
        } else if (v.isNumber()) {
            schType = "number";
            dataFormat = "float64";
        } else if (v.isArray()) {
            schType = "array";
        } else {
            schType = "object";
        }
        boolean isFloatInt = schType.equals("number") && isJsonInteger(v.doubleValue()) && types.contains("integer");
        boolean isIntFloat = schType.equals("integer") && types.contains("number");
        boolean stringOrArray = v.isTextual() || v.isArray();
        if (!stringOrArray
                && !format.isEmpty()
                && !(types.contains(schType) || dataFormat.equals(format) || isFloatInt || isIntFloat)) {
            typeError(name, format, dataFormat);
            return;
        }
        if (!(types.contains("number") || types.contains("integer")) && !format.isEmpty() && stringOrArray) {
            return;
        }
        if (!(types.contains(schType) || isFloatInt || isIntFloat)) {
            typeError(name, String.join(",", types), schType);
        }
    }

    private void typeError(String name, String typeName, String value) {
        out.add(Causes.typeInvalid(
                field(name),
                GoFormat.quote(value),
                name + " in body must be of type " + typeName + ": " + GoFormat.quote(value)));
    }

    private void checkCompositions(SchemaNode s, JsonNode v, String name) {
        JsonNode raw = s.raw();
        List<SchemaNode> anyOf = subSchemas(raw.get("anyOf"));
        if (!anyOf.isEmpty()) {
            List<StatusCause> best = null;
            boolean succeeded = false;
            for (SchemaNode sub : anyOf) {
                List<StatusCause> r = sub(sub, v, name);
                if (r.isEmpty()) {
                    succeeded = true;
                    best = null;
                    break;
                }
                if (best == null || r.size() < best.size()) {
                    best = r;
                }
            }
            if (!succeeded) {
                composite(GoFormat.quote(name) + " must validate at least one schema (anyOf)");
            }
            if (best != null) {
                out.addAll(best);
            }
        }
        List<SchemaNode> oneOf = subSchemas(raw.get("oneOf"));
        if (!oneOf.isEmpty()) {
            List<StatusCause> best = null;
            int validated = 0;
            for (SchemaNode sub : oneOf) {
                List<StatusCause> r = sub(sub, v, name);
                if (r.isEmpty()) {
                    validated++;
                    best = null;
                    continue;
                }
                if (validated == 0 && (best == null || r.size() < best.size())) {
                    best = r;
                }
            }
            if (validated != 1) {
                String detail = validated == 0 ? "Found none valid" : "Found " + validated + " valid alternatives";
                composite(GoFormat.quote(name) + " must validate one and only one schema (oneOf). " + detail);
                if (best != null) {
                    out.addAll(best);
                }
            }
        }
        List<SchemaNode> allOf = subSchemas(raw.get("allOf"));
        if (!allOf.isEmpty()) {
            int validated = 0;
            for (SchemaNode sub : allOf) {
                List<StatusCause> r = sub(sub, v, name);
                if (r.isEmpty()) {
                    validated++;
                }
                out.addAll(r);
            }
            if (validated != allOf.size()) {
                composite(GoFormat.quote(name) + " must validate all the schemas (allOf)"
                        + (validated == 0 ? ". None validated" : ""));
            }
        }
        JsonNode not = raw.get("not");
        if (not != null
                && not.isObject()
                && sub(SchemaNode.of(not, ref -> null), v, name).isEmpty()) {
            composite(GoFormat.quote(name) + " must not validate the schema (not)");
        }
    }

    private static List<SchemaNode> subSchemas(JsonNode list) {
        List<SchemaNode> subs = new ArrayList<>();
        if (list != null && list.isArray()) {
            // Structural schemas only allow value validations here, never references.
            list.forEach(n -> subs.add(SchemaNode.of(n, ref -> null)));
        }
        return subs;
    }

    private List<StatusCause> sub(SchemaNode s, JsonNode v, String name) {
        SchemaValidator nested = new SchemaValidator(base);
        nested.validate(s, v, name);
        return nested.out;
    }

    private void composite(String message) {
        out.add(Causes.invalid(base == null ? Causes.NIL_FIELD : base, GoFormat.quote(""), message));
    }

    private void checkString(SchemaNode s, String v, String name) {
        JsonNode raw = s.raw();
        int length = v.codePointCount(0, v.length());
        JsonNode maxLength = raw.get("maxLength");
        if (maxLength != null && maxLength.isNumber() && length > maxLength.asLong()) {
            out.add(Causes.tooLong(field(name), maxLength.asLong()));
            return;
        }
        JsonNode minLength = raw.get("minLength");
        if (minLength != null && minLength.isNumber() && length < minLength.asLong()) {
            out.add(Causes.invalid(
                    field(name),
                    GoFormat.quote(v),
                    name + " in body should be at least " + minLength.asLong() + " chars long"));
            return;
        }
        JsonNode pattern = raw.get("pattern");
        if (pattern != null && pattern.isTextual() && !pattern.textValue().isEmpty()) {
            String p = pattern.textValue();
            Pattern compiled;
            try {
                compiled = PATTERNS.computeIfAbsent(p, SchemaValidator::compile);
            } catch (PatternSyntaxException e) {
                out.add(Causes.invalid(
                        field(name),
                        GoFormat.quote(v),
                        name + " in body should match '" + p + ", but pattern is invalid: " + e.getDescription()
                                + "'"));
                return;
            }
            if (!compiled.matcher(v).find()) {
                out.add(Causes.invalid(field(name), GoFormat.quote(v), name + " in body should match '" + p + "'"));
            }
        }
    }

    /** Go's RE2 syntax differs from Java's mainly in named groups; translate those. */
    private static Pattern compile(String goRegex) {
        return Pattern.compile(goRegex.replace("(?P<", "(?<"));
    }

    private void checkFormat(String format, String v, String name) {
        if (format.isEmpty() || !Formats.isStringFormat(format)) {
            return;
        }
        if (!Formats.validates(format, v)) {
            out.add(Causes.typeInvalid(
                    field(name),
                    GoFormat.quote(v),
                    name + " in body must be of type " + format + ": " + GoFormat.quote(v)));
        }
    }

    private void checkNumber(SchemaNode s, JsonNode v, String name) {
        JsonNode raw = s.raw();
        boolean integral = GoFormat.isInteger(v);
        String value = GoFormat.value(v);
        JsonNode multipleOf = raw.get("multipleOf");
        if (multipleOf != null && multipleOf.isNumber()) {
            double factor = multipleOf.doubleValue();
            long intFactor = (long) factor;
            if (integral && intFactor != 0) {
                if (v.longValue() % intFactor != 0) {
                    out.add(Causes.invalid(field(name), value, name + " in body should be a multiple of " + intFactor));
                }
            } else {
                double data = v.doubleValue();
                double mult = factor < 1 ? 1 / factor * data : data / factor;
                if (!isJsonInteger(mult)) {
                    out.add(Causes.invalid(
                            field(name), value, name + " in body should be a multiple of " + GoFormat.floatV(factor)));
                }
            }
        }
        JsonNode minimum = raw.get("minimum");
        if (minimum != null && minimum.isNumber()) {
            boolean exclusive = raw.path("exclusiveMinimum").asBoolean(false);
            String relation =
                    exclusive ? " in body should be greater than " : " in body should be greater than or equal to ";
            if (integral) {
                long min = (long) minimum.doubleValue();
                long data = v.longValue();
                if (exclusive ? data <= min : data < min) {
                    out.add(Causes.invalid(field(name), value, name + relation + min));
                }
            } else {
                double min = minimum.doubleValue();
                double data = v.doubleValue();
                if (exclusive ? data <= min : data < min) {
                    out.add(Causes.invalid(field(name), value, name + relation + GoFormat.floatV(min)));
                }
            }
        }
        JsonNode maximum = raw.get("maximum");
        if (maximum != null && maximum.isNumber()) {
            boolean exclusive = raw.path("exclusiveMaximum").asBoolean(false);
            String relation = exclusive ? " in body should be less than " : " in body should be less than or equal to ";
            if (integral) {
                long max = (long) maximum.doubleValue();
                long data = v.longValue();
                if (exclusive ? data >= max : data > max) {
                    out.add(Causes.invalid(field(name), value, name + relation + max));
                }
            } else {
                double max = maximum.doubleValue();
                double data = v.doubleValue();
                if (exclusive ? data >= max : data > max) {
                    out.add(Causes.invalid(field(name), value, name + relation + GoFormat.floatV(max)));
                }
            }
        }
    }

    private void checkArray(SchemaNode s, JsonNode v, String name) {
        JsonNode raw = s.raw();
        int size = v.size();
        if (raw.path("items").isObject()) {
            SchemaNode items = s.items();
            for (int i = 0; i < size; i++) {
                validate(items, v.get(i), name + "[" + i + "]");
            }
        }
        JsonNode minItems = raw.get("minItems");
        if (minItems != null && minItems.isNumber() && size < minItems.asLong()) {
            out.add(Causes.invalid(
                    field(name),
                    String.valueOf(size),
                    name + " in body should have at least " + minItems.asLong() + " items"));
        }
        JsonNode maxItems = raw.get("maxItems");
        if (maxItems != null && maxItems.isNumber() && size > maxItems.asLong()) {
            out.add(Causes.tooMany(field(name), size, maxItems.asLong()));
        }
        if (raw.path("uniqueItems").asBoolean(false)) {
            Set<String> seen = new HashSet<>();
            for (JsonNode item : v) {
                if (!seen.add(identity(item))) {
                    out.add(Causes.invalid(
                            field(name), GoFormat.quote(""), name + " in body shouldn't contain duplicates"));
                    break;
                }
            }
        }
    }

    private void checkEnum(SchemaNode s, JsonNode v, String name) {
        List<JsonNode> values = s.enumValues();
        if (values.isEmpty()) {
            return;
        }
        if (v != null && !v.isNull() && !v.isMissingNode()) {
            for (JsonNode allowed : values) {
                if (enumMatches(v, allowed)) {
                    return;
                }
            }
        }
        List<String> supported = new ArrayList<>();
        for (JsonNode allowed : values) {
            supported.add(allowed.isTextual() ? allowed.textValue() : GoFormat.json(allowed));
        }
        out.add(Causes.notSupported(field(name), GoFormat.value(v), supported));
    }

    /** Go's convert-then-compare of a decoded value with an enum entry. */
    private static boolean enumMatches(JsonNode v, JsonNode allowed) {
        if (allowed.isNumber() && v.isNumber()) {
            if (GoFormat.isInteger(allowed)) {
                long converted = GoFormat.isInteger(v) ? v.longValue() : (long) v.doubleValue();
                return converted == allowed.longValue();
            }
            return v.doubleValue() == allowed.doubleValue();
        }
        return identity(v).equals(identity(allowed));
    }

    private void checkObject(SchemaNode s, JsonNode v, String name) {
        JsonNode raw = s.raw();
        int size = v.size();
        JsonNode minProperties = raw.get("minProperties");
        if (minProperties != null && minProperties.isNumber() && size < minProperties.asLong()) {
            out.add(Causes.invalid(
                    field(name),
                    String.valueOf(size),
                    name + " in body should have at least " + minProperties.asLong() + " properties"));
            return;
        }
        JsonNode maxProperties = raw.get("maxProperties");
        if (maxProperties != null && maxProperties.isNumber() && size > maxProperties.asLong()) {
            out.add(Causes.tooMany(field(name), size, maxProperties.asLong()));
            return;
        }
        Map<String, SchemaNode> properties = s.properties();
        JsonNode additional = raw.get("additionalProperties");
        if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!properties.containsKey(key)) {
                    out.add(Causes.invalid(
                            field(name), GoFormat.quote(key), name + "." + key + " in body is a forbidden property"));
                }
            }
        } else if (additional != null && additional.isObject()) {
            SchemaNode values = s.additionalProperties();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!properties.containsKey(e.getKey())) {
                    validate(values, e.getValue(), name + "." + e.getKey());
                }
            }
        }
        for (Map.Entry<String, SchemaNode> p : properties.entrySet()) {
            JsonNode child = v.get(p.getKey());
            if (child != null) {
                validate(p.getValue(), child, name.isEmpty() ? p.getKey() : name + "." + p.getKey());
            }
        }
        for (String required : s.required()) {
            if (!v.has(required)) {
                out.add(Causes.required(field(name + "." + required), ""));
            }
        }
    }

    /** The cause's field for kube-openapi's error name: the leading dot trimmed, the base prepended. */
    private String field(String name) {
        String trimmed = name.startsWith(".") ? name.substring(1) : name;
        if (name.isEmpty() || name.equals(".")) {
            return base == null ? Causes.NIL_FIELD : base;
        }
        return base == null ? trimmed : base + "." + trimmed;
    }

    private static boolean isJsonInteger(double f) {
        return !Double.isNaN(f) && !Double.isInfinite(f) && Math.abs(f) <= MAX_JSON_INTEGER && f == Math.rint(f);
    }

    /**
     * A value's identity as Go's deep equality sees decoded JSON: an int64 and a float64 differ, maps
     * compare regardless of key order.
     */
    static String identity(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isNumber()) {
            return (GoFormat.isInteger(v) ? "i:" : "f:") + GoFormat.value(v);
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(identity(i)));
            return "[" + String.join(",", items) + "]";
        }
        if (v.isObject()) {
            Map<String, String> sorted = new java.util.TreeMap<>();
            v.fields().forEachRemaining(e -> sorted.put(e.getKey(), identity(e.getValue())));
            return "{" + sorted + "}";
        }
        return (v.isTextual() ? "s:" : "b:") + v.asText();
    }

    // ---- x-kubernetes-embedded-resource ------------------------------------------------------

    private void embedded(SchemaNode s, JsonNode v, FieldPath path) {
        if (s == null || v == null) {
            return;
        }
        if (v.isObject()) {
            if (s.embeddedResource()) {
                embeddedResource(v, path);
            }
            JsonNode additional = s.raw().get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                SchemaNode prop = s.property(e.getKey());
                if (prop != null) {
                    embedded(prop, e.getValue(), path.child(e.getKey()));
                } else if (additional != null && additional.isObject()) {
                    embedded(s.additionalProperties(), e.getValue(), path.key(e.getKey()));
                }
            }
        } else if (v.isArray() && s.raw().path("items").isObject()) {
            SchemaNode items = s.items();
            for (int i = 0; i < v.size(); i++) {
                embedded(items, v.get(i), path.index(i));
            }
        }
    }

    private void embeddedResource(JsonNode x, FieldPath path) {
        if (!x.has("apiVersion")) {
            out.add(Causes.required(path.child("apiVersion").toString(), ""));
        }
        if (!x.has("kind")) {
            out.add(Causes.required(path.child("kind").toString(), ""));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "apiVersion" -> {
                    String field = path.child("apiVersion").toString();
                    if (!v.isTextual()) {
                        out.add(Causes.invalid(field, GoFormat.value(v), "must be a string"));
                    } else if (v.textValue().isEmpty()) {
                        out.add(Causes.required(field, ""));
                    } else if (!ObjectMetaValidator.isGroupVersion(v.textValue())) {
                        out.add(Causes.invalid(
                                field,
                                GoFormat.quote(v.textValue()),
                                "unexpected GroupVersion string: " + v.textValue()));
                    }
                }
                case "kind" -> {
                    String field = path.child("kind").toString();
                    if (!v.isTextual()) {
                        out.add(Causes.invalid(field, GoFormat.value(v), "must be a string"));
                    } else if (v.textValue().isEmpty()) {
                        out.add(Causes.required(field, ""));
                    } else {
                        List<String> errs = Names.isDns1035Label(v.textValue().toLowerCase(java.util.Locale.ROOT));
                        if (!errs.isEmpty()) {
                            out.add(Causes.invalid(
                                    field,
                                    GoFormat.quote(v.textValue()),
                                    "may have mixed case, but should otherwise match: " + String.join(",", errs)));
                        }
                    }
                }
                case "metadata" -> out.addAll(ObjectMetaValidator.validateEmbedded(v, path.child("metadata")));
                default -> {
                    // only the type and object meta of an embedded resource are checked here
                }
            }
        }
    }

    // ---- x-kubernetes-list-type --------------------------------------------------------------

    /** kube's list-type invariants: a {@code set} holds distinct items, a {@code map} distinct keys. */
    static final class ListTypes {

        private final List<StatusCause> out = new ArrayList<>();

        private ListTypes() {}

        static List<StatusCause> validate(SchemaNode s, JsonNode object) {
            ListTypes l = new ListTypes();
            l.object(s, object, FieldPath.ROOT);
            return l.out;
        }

        private void object(SchemaNode s, JsonNode obj, FieldPath path) {
            if (s == null) {
                return;
            }
            JsonNode additional = s.raw().get("additionalProperties");
            if (additional != null && additional.isObject()) {
                SchemaNode values = s.additionalProperties();
                obj.fields().forEachRemaining(e -> value(values, e.getValue(), path.key(e.getKey())));
            }
            if (s.hasProperties()) {
                obj.fields().forEachRemaining(e -> {
                    SchemaNode prop = s.property(e.getKey());
                    if (prop != null) {
                        value(prop, e.getValue(), path.child(e.getKey()));
                    }
                });
            }
        }

        private void value(SchemaNode s, JsonNode v, FieldPath path) {
            if (v.isArray()) {
                array(s, v, path);
            } else if (v.isObject()) {
                object(s, v, path);
            }
        }

        private void array(SchemaNode s, JsonNode arr, FieldPath path) {
            String listType = s.listType();
            if ("set".equals(listType)) {
                List<JsonNode> items = new ArrayList<>();
                arr.forEach(items::add);
                for (int i : nonUnique(items)) {
                    out.add(Causes.duplicate(path.index(i).toString(), GoFormat.value(arr.get(i))));
                }
            } else if ("map".equals(listType)) {
                map(s, arr, path);
            }
            if (s.raw().path("items").isObject()) {
                SchemaNode items = s.items();
                for (int i = 0; i < arr.size(); i++) {
                    value(items, arr.get(i), path.index(i));
                }
            }
        }

        private void map(SchemaNode s, JsonNode arr, FieldPath path) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode x = arr.get(i);
                if (!x.isNull() && !x.isObject()) {
                    out.add(Causes.invalid(
                            path.index(i).toString(),
                            GoFormat.value(x),
                            "must be an object for an array of list-type map"));
                    return;
                }
            }
            if (arr.size() <= 1) {
                return;
            }
            List<String> keyFields = s.listMapKeys();
            List<JsonNode> keys = new ArrayList<>();
            for (JsonNode x : arr) {
                com.fasterxml.jackson.databind.node.ObjectNode key =
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                for (String f : keyFields) {
                    if (x.isObject() && x.has(f)) {
                        key.set(f, x.get(f));
                    }
                }
                keys.add(key);
            }
            for (int i : nonUnique(keys)) {
                out.add(Causes.duplicate(path.index(i).toString(), GoFormat.json(keys.get(i))));
            }
        }

        /** The index of each value's second occurrence, as kube reports them. */
        private static List<Integer> nonUnique(List<JsonNode> items) {
            List<Integer> indices = new ArrayList<>();
            if (items.size() <= 1) {
                return indices;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode x = items.get(i);
                // Compound items compare by their JSON text, scalars by Go value (int64 != float64).
                String id = x.isContainerNode() ? "j:" + GoFormat.json(x) : identity(x);
                int times = seen.merge(id, 1, Integer::sum);
                if (times == 2) {
                    indices.add(i);
                }
            }
            return indices;
        }
    }
}
