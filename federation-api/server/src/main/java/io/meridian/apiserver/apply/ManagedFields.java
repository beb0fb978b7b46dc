package io.meridian.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded {@code metadata.managedFields} of one object: a field set per manager, keyed the way
 * kube keys them (manager, operation, subresource, and for updates the API version, so that one
 * applier keeps a single entry whatever version it applies through).
 */
final class ManagedFields {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";
    static final String FIELDS_V1 = "FieldsV1";

    /** Who owns an entry. For Apply entries the API version is not part of the identity (it is ""). */
    record ManagerKey(String manager, String operation, String apiVersion, String subresource) {

        static ManagerKey apply(String manager, String subresource) {
            return new ManagerKey(manager, APPLY, "", subresource == null ? "" : subresource);
        }

        static ManagerKey update(String manager, String apiVersion, String subresource) {
            return new ManagerKey(manager, UPDATE, apiVersion, subresource == null ? "" : subresource);
        }

        boolean applied() {
            return APPLY.equals(operation);
        }

        /** kube's manager identifier: the entry without time and fields, as JSON; used for ordering. */
        String identifier() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            if (!manager.isEmpty()) {
                o.put("manager", manager);
            }
            o.put("operation", operation);
            if (!apiVersion.isEmpty()) {
                o.put("apiVersion", apiVersion);
            }
            if (!subresource.isEmpty()) {
                o.put("subresource", subresource);
            }
            return o.toString();
        }

        /** How conflict messages name the manager: {@code "kubectl" using apps/v1} for updaters. */
        String describe() {
            StringBuilder sb = new StringBuilder(Values.goQuote(manager));
            if (!subresource.isEmpty()) {
                sb.append(" with subresource ").append(Values.goQuote(subresource));
            }
            if (!applied()) {
                sb.append(" using ").append(apiVersion);
            }
            return sb.toString();
        }
    }

    /** What a manager owns, through which API version, and when it last changed the object. */
    record Entry(FieldSet fields, String apiVersion, Instant time) {}

    private final LinkedHashMap<ManagerKey, Entry> entries = new LinkedHashMap<>();

    ManagedFields() {}

    Map<ManagerKey, Entry> entries() {
        return entries;
    }

    Entry get(ManagerKey key) {
        return entries.get(key);
    }

    void put(ManagerKey key, Entry entry) {
        entries.put(key, entry);
    }

    void remove(ManagerKey key) {
        entries.remove(key);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Decodes {@code metadata.managedFields}. Throws {@link IllegalArgumentException} for entries
     * kube would refuse: an unknown operation, no API version, a fields type other than FieldsV1, or
     * fields that do not parse.
     */
    static ManagedFields decode(JsonNode list) {
        ManagedFields out = new ManagedFields();
        if (list == null || list.isNull() || list.isMissingNode()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("metadata.managedFields must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            if (!e.isObject()) {
                throw new IllegalArgumentException("managed fields entry " + i + " must be an object");
            }
            String operation = e.path("operation").asText("");
            if (!operation.equals(APPLY) && !operation.equals(UPDATE)) {
                throw new IllegalArgumentException("operation must be `Apply` or `Update`");
            }
            String apiVersion = e.path("apiVersion").asText("");
            if (apiVersion.isEmpty()) {
                throw new IllegalArgumentException("apiVersion must not be empty");
            }
            String fieldsType = e.path("fieldsType").asText("");
            if (fieldsType.isEmpty()) {
                throw new IllegalArgumentException("missing fieldsType in managed fields entry " + i);
            }
            if (!fieldsType.equals(FIELDS_V1)) {
                throw new IllegalArgumentException(
                        "invalid fieldsType \"" + fieldsType + "\" in managed fields entry " + i);
            }
            String manager = e.path("manager").asText("");
            String subresource = e.path("subresource").asText("");
            ManagerKey key = operation.equals(APPLY)
                    ? ManagerKey.apply(manager, subresource)
                    : ManagerKey.update(manager, apiVersion, subresource);
            FieldSet fields = FieldSet.fromFieldsV1(e.get("fieldsV1"));
            out.entries.put(key, new Entry(fields, apiVersion, parseTime(e.get("time"))));
        }
        return out;
    }

    private static Instant parseTime(JsonNode t) {
        if (t == null || t.isNull() || t.asText().isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("invalid time in managed fields entry: " + t.asText(), ex);
        }
    }

    /**
     * The {@code metadata.managedFields} list, sorted as kube sorts it (operation, time, manager,
     * API version, subresource); null when there are no entries, so that the field disappears.
     */
    ArrayNode encode() {
        if (entries.isEmpty()) {
            return null;
        }
        List<Map.Entry<ManagerKey, Entry>> sorted = new ArrayList<>(entries.entrySet());
        Comparator<String> bytewise = Values::compareStrings;
        sorted.sort(Comparator.<Map.Entry<ManagerKey, Entry>, String>comparing(
                        e -> e.getKey().operation(), bytewise)
                .thenComparingLong(e ->
                        e.getValue().time() == null ? 0 : e.getValue().time().getEpochSecond())
                .thenComparing(e -> e.getKey().manager(), bytewise)
                .thenComparing(e -> e.getValue().apiVersion(), bytewise)
                .thenComparing(e -> e.getKey().subresource(), bytewise));
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<ManagerKey, Entry> e : sorted) {
            ObjectNode o = out.addObject();
            ManagerKey k = e.getKey();
            Entry v = e.getValue();
            if (!k.manager().isEmpty()) {
                o.put("manager", k.manager());
            }
            o.put("operation", k.operation());
            o.put("apiVersion", v.apiVersion());
            if (v.time() != null) {
                o.put("time", DateTimeFormatter.ISO_INSTANT.format(v.time().truncatedTo(ChronoUnit.SECONDS)));
            }
            o.put("fieldsType", FIELDS_V1);
            o.set("fieldsV1", v.fields().toFieldsV1());
            if (!k.subresource().isEmpty()) {
                o.put("subresource", k.subresource());
            }
        }
        return out;
    }

    /** Whether {@code list} asks for the managed fields to be reset: {@code []} or {@code [{}]}. */
    static boolean isReset(JsonNode list) {
        if (list == null || !list.isArray()) {
            return false;
        }
        return list.isEmpty()
                || (list.size() == 1 && list.get(0).isObject() && list.get(0).isEmpty());
    }
}
