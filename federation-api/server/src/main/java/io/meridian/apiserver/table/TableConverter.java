package io.meridian.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Server-side printing: answers {@code Accept: application/json;as=Table;g=meta.k8s.io;v=v1} with a
 * {@code meta.k8s.io/v1 Table}, so {@code kubectl get} shows the same columns as against
 * kube-apiserver (READY 9/9 for a Deployment, say). Kinds from CRDs get their
 * additionalPrinterColumns; everything else gets Name and Age.
 */
public final class TableConverter {

    /** One column: its definition and how to compute its cell. */
    public record Column(
            String name,
            String type,
            String format,
            String description,
            int priority,
            Function<ObjectNode, Object> cell) {
        public static Column of(String name, String type, String description, Function<ObjectNode, Object> cell) {
            return new Column(name, type, "", description, 0, cell);
        }

        public static Column wide(String name, String type, String description, Function<ObjectNode, Object> cell) {
            return new Column(name, type, "", description, 1, cell);
        }
    }

    private final Clock clock;
    private final Map<String, List<Column>> byGroupKind = new ConcurrentHashMap<>();
    /** A CRD declares columns per version; one version's columns must not hide another's. */
    private final Map<GroupVersionKind, List<Column>> byVersion = new ConcurrentHashMap<>();

    public TableConverter(Clock clock) {
        this.clock = clock;
        NativeColumns.register(this);
    }

    /** Columns after Name for {@code group}/{@code kind}; include Age where it belongs. */
    public void register(String group, String kind, List<Column> columns) {
        byGroupKind.put(group + "/" + kind, List.copyOf(columns));
    }

    /** Columns after Name for one version of {@code gvk}'s kind; they take precedence over the kind's. */
    public void register(GroupVersionKind gvk, List<Column> columns) {
        byVersion.put(gvk, List.copyOf(columns));
    }

    /** Forgets the columns of one version: it shows Name and Age (or the kind's columns). */
    public void unregister(GroupVersionKind gvk) {
        byVersion.remove(gvk);
    }

    /** Forgets the columns of {@code group}/{@code kind}, in every version. */
    public void unregister(String group, String kind) {
        byGroupKind.remove(group + "/" + kind);
        byVersion.keySet().removeIf(k -> k.group().equals(group) && k.kind().equals(kind));
    }

    private List<Column> columns(ResourceType type) {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column(
                "Name",
                "string",
                "name",
                "Name must be unique within a namespace.",
                0,
                o -> o.path("metadata").path("name").asText()));
        List<Column> specific = byVersion.get(type.gvk());
        if (specific == null) {
            specific = byGroupKind.get(type.group() + "/" + type.kind());
        }
        if (specific != null) {
            cols.addAll(specific);
        } else {
            cols.add(age());
        }
        return cols;
    }

    public Column age() {
        return Column.of(
                "Age",
                "string",
                "CreationTimestamp is a timestamp representing the server time when this object was created.",
                this::age);
    }

    /** The age of an object, as kubectl prints it. */
    public String age(ObjectNode o) {
        return since(o.path("metadata").path("creationTimestamp").asText(null));
    }

    public String since(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return HumanDuration.format(Duration.between(Instant.parse(timestamp), Instant.now(clock)));
        } catch (RuntimeException e) {
            return "<invalid>";
        }
    }

    /**
     * A Table of {@code items}.
     *
     * @param includeObject {@code None}, {@code Metadata} (default) or {@code Object}
     * @param listMeta the list's metadata (resourceVersion, continue), or null
     */
    public ObjectNode table(ResourceType type, List<ObjectNode> items, String includeObject, ObjectNode listMeta) {
        List<Column> cols = columns(type);
        ObjectNode table = Json.MAPPER.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = table.putObject("metadata");
        if (listMeta != null) {
            meta.setAll(listMeta);
        }
        ArrayNode defs = table.putArray("columnDefinitions");
        for (Column c : cols) {
            ObjectNode d = defs.addObject();
            d.put("name", c.name());
            d.put("type", c.type());
            d.put("format", c.format());
            d.put("description", c.description());
            d.put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column c : cols) {
                Object v;
                try {
                    v = c.cell().apply(item);
                } catch (RuntimeException e) {
                    v = null;
                }
                if (v == null) {
                    cells.addNull();
                } else if (v instanceof Double || v instanceof Float) {
                    cells.add(((Number) v).doubleValue());
                } else if (v instanceof Number n) {
                    cells.add(n.longValue());
                } else if (v instanceof Boolean b) {
                    cells.add(b);
                } else if (v instanceof JsonNode j) {
                    cells.add(j);
                } else {
                    cells.add(v.toString());
                }
            }
            String mode = includeObject == null ? "Metadata" : includeObject;
            if (mode.equals("Object")) {
                row.set("object", item);
            } else if (mode.equals("Metadata")) {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", item.get("metadata"));
            }
        }
        return table;
    }

    /**
     * Reads a simple JSONPath such as {@code .status.readyReplicas} or {@code .spec.containers[*].image};
     * of several matches the first, as kube's printer columns show.
     */
    public static JsonNode path(ObjectNode obj, String jsonPath) {
        String p = jsonPath.startsWith("{") ? jsonPath.substring(1, jsonPath.length() - 1) : jsonPath;
        List<JsonNode> current = List.of(obj);
        int i = 0;
        while (i < p.length() && !current.isEmpty()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                String field = p.substring(i + 1, end);
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode n : current) {
                    JsonNode v = field.isEmpty() ? n : n.get(field);
                    if (v != null) {
                        next.add(v);
                    }
                }
                current = next;
                i = end;
            } else if (c == '[') {
                int end = closingBracket(p, i);
                String expr = p.substring(i + 1, end).trim();
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode n : current) {
                    if (!n.isArray()) {
                        continue;
                    }
                    if (expr.equals("*")) {
                        n.forEach(next::add);
                    } else if (expr.startsWith("?(") && expr.endsWith(")")) {
                        for (JsonNode element : n) {
                            if (matches(element, expr.substring(2, expr.length() - 1))) {
                                next.add(element);
                            }
                        }
                    } else {
                        try {
                            int index = Integer.parseInt(expr);
                            int at = index < 0 ? n.size() + index : index;
                            if (at >= 0 && at < n.size()) {
                                next.add(n.get(at));
                            }
                        } catch (NumberFormatException bad) {
                            // an expression this subset does not know selects nothing
                        }
                    }
                }
                current = next;
                i = end + 1;
            } else {
                // a leading field without its dot ("status.replicas")
                p = "." + p.substring(i);
                i = 0;
            }
        }
        return current.isEmpty() ? null : current.get(0);
    }

    private static int closingBracket(String p, int open) {
        char quote = 0;
        for (int k = open + 1; k < p.length(); k++) {
            char c = p.charAt(k);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ']') {
                return k;
            }
        }
        return p.length() - 1;
    }

    /** A filter such as {@code @.type=="Ready"} or {@code @.status!='False'}: kube's printer columns use these. */
    private static boolean matches(JsonNode element, String filter) {
        boolean negate = filter.contains("!=");
        String[] sides = filter.split(negate ? "!=" : "==", 2);
        if (sides.length != 2 || !sides[0].trim().startsWith("@")) {
            return false;
        }
        String left = sides[0].trim().substring(1);
        String right = sides[1].trim();
        if (right.length() >= 2 && (right.startsWith("\"") || right.startsWith("'"))) {
            right = right.substring(1, right.length() - 1);
        }
        JsonNode value = element instanceof ObjectNode o ? path(o, left.isEmpty() ? "." : left) : null;
        boolean equal = value != null && value.isValueNode() && value.asText().equals(right);
        return negate != equal;
    }
}
