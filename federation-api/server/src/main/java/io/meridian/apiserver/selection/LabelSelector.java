package io.meridian.apiserver.selection;

import com.fasterxml.jackson.databind.JsonNode;
import io.meridian.apiserver.status.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed {@code labelSelector} query parameter, with the grammar of
 * {@code k8s.io/apimachinery/pkg/labels}: {@code a=b}, {@code a==b}, {@code a!=b}, {@code a in (x,y)},
 * {@code a notin (x)}, {@code a}, {@code !a}, {@code a>1}, {@code a<1}, comma-separated and all
 * required.
 */
public final class LabelSelector {

    private enum Op {
        EQUALS,
        NOT_EQUALS,
        IN,
        NOT_IN,
        EXISTS,
        NOT_EXISTS,
        GREATER_THAN,
        LESS_THAN
    }

    private record Requirement(String key, Op op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case NOT_EXISTS -> v == null;
                case GREATER_THAN, LESS_THAN -> compares(v);
            };
        }

        /** kube compares as 64-bit integers; a label that is not one matches neither way. */
        private boolean compares(String v) {
            if (v == null) {
                return false;
            }
            long actual;
            try {
                actual = Long.parseLong(v);
            } catch (NumberFormatException e) {
                return false;
            }
            long bound = Long.parseLong(values.iterator().next());
            return op == Op.GREATER_THAN ? actual > bound : actual < bound;
        }
    }

    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The string form of a {@code metav1.LabelSelector} object ({@code app=web,tier in (a,b)}), as
     * kube prints it in {@code Scale.status.selector} and in {@code kubectl get -o wide}; empty for
     * an empty selector.
     */
    public static String format(JsonNode selector) {
        // kube's Selector.String(): requirements sorted by key (stably), each set's values sorted
        List<Map.Entry<String, String>> terms = new ArrayList<>();
        selector.path("matchLabels")
                .fields()
                .forEachRemaining(e -> terms.add(
                        Map.entry(e.getKey(), e.getKey() + "=" + e.getValue().asText())));
        for (JsonNode e : selector.path("matchExpressions")) {
            List<String> values = new ArrayList<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            values.sort(null);
            String key = e.path("key").asText();
            switch (e.path("operator").asText()) {
                case "In" -> terms.add(Map.entry(key, key + " in (" + String.join(",", values) + ")"));
                case "NotIn" -> terms.add(Map.entry(key, key + " notin (" + String.join(",", values) + ")"));
                case "Exists" -> terms.add(Map.entry(key, key));
                case "DoesNotExist" -> terms.add(Map.entry(key, "!" + key));
                default -> {}
            }
        }
        terms.sort(Map.Entry.comparingByKey());
        return String.join(",", terms.stream().map(Map.Entry::getValue).toList());
    }

    /** Parses a selector; a malformed one is a 400 with kube's wording. */
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> out = new ArrayList<>();
        for (String term : splitTerms(selector)) {
            out.add(parseTerm(term.trim(), selector));
        }
        return new LabelSelector(List.copyOf(out));
    }

    /** Splits on commas that are not inside parentheses. */
    private static List<String> splitTerms(String s) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(s.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(s.substring(start));
        return terms;
    }

    private static Requirement parseTerm(String term, String whole) {
        if (term.isEmpty()) {
            throw invalid(whole, "found '', expected: identifier");
        }
        if (term.startsWith("!")) {
            return new Requirement(key(term.substring(1).trim(), whole), Op.NOT_EXISTS, Set.of());
        }
        String[] setOps = {" notin ", " in "};
        for (String op : setOps) {
            int i = term.indexOf(op);
            if (i > 0) {
                String key = key(term.substring(0, i).trim(), whole);
                String rest = term.substring(i + op.length()).trim();
                if (!rest.startsWith("(") || !rest.endsWith(")")) {
                    throw invalid(whole, "found '" + rest + "', expected: '('");
                }
                Set<String> values = new TreeSet<>();
                for (String v : rest.substring(1, rest.length() - 1).split(",")) {
                    values.add(value(v.trim(), whole));
                }
                return new Requirement(key, op.trim().equals("in") ? Op.IN : Op.NOT_IN, values);
            }
        }
        int ne = term.indexOf("!=");
        if (ne > 0) {
            return new Requirement(
                    key(term.substring(0, ne).trim(), whole),
                    Op.NOT_EQUALS,
                    Set.of(value(term.substring(ne + 2).trim(), whole)));
        }
        int eq = term.indexOf("==");
        if (eq > 0) {
            return new Requirement(
                    key(term.substring(0, eq).trim(), whole),
                    Op.EQUALS,
                    Set.of(value(term.substring(eq + 2).trim(), whole)));
        }
        int e = term.indexOf('=');
        if (e > 0) {
            return new Requirement(
                    key(term.substring(0, e).trim(), whole),
                    Op.EQUALS,
                    Set.of(value(term.substring(e + 1).trim(), whole)));
        }
        int gt = term.indexOf('>');
        int lt = term.indexOf('<');
        if (gt > 0 || lt > 0) {
            int at = gt > 0 ? gt : lt;
            String bound = term.substring(at + 1).trim();
            try {
                Long.parseLong(bound);
            } catch (NumberFormatException notInteger) {
                throw invalid(whole, "for 'Gt', 'Lt' operators, the value must be an integer");
            }
            return new Requirement(
                    key(term.substring(0, at).trim(), whole), gt > 0 ? Op.GREATER_THAN : Op.LESS_THAN, Set.of(bound));
        }
        return new Requirement(key(term, whole), Op.EXISTS, Set.of());
    }

    private static String key(String key, String whole) {
        if (!key.matches(
                "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
            throw invalid(whole, "invalid label key \"" + key + "\"");
        }
        int slash = key.indexOf('/');
        if (slash > 253) {
            throw invalid(whole, "invalid label key \"" + key + "\": prefix part must be no more than 253 characters");
        }
        if (key.length() - slash - 1 > 63) {
            throw invalid(whole, "invalid label key \"" + key + "\": name part must be no more than 63 characters");
        }
        return key;
    }

    private static String value(String value, String whole) {
        if (!value.isEmpty() && !value.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
            throw invalid(whole, "invalid label value: \"" + value + "\"");
        }
        if (value.length() > 63) {
            throw invalid(whole, "invalid label value: \"" + value + "\": must be no more than 63 characters");
        }
        return value;
    }

    private static ApiException invalid(String selector, String detail) {
        return ApiException.badRequest("unable to parse requirement: " + detail + " in selector \"" + selector + "\"");
    }
}
