package io.meridian.apiserver.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.status.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code fieldSelector}: {@code path=value}, {@code path==value}, {@code path!=value},
 * comma-separated. Like kube-apiserver, only fields a kind declares selectable are accepted;
 * {@code metadata.name} and {@code metadata.namespace} always are.
 */
public final class FieldSelector {

    private record Term(String field, boolean equals, String value) {}

    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The value {@code metadata.name} is required to equal, if the selector pins it. */
    public String requiredName() {
        for (Term t : terms) {
            if (t.equals() && t.field().equals("metadata.name")) {
                return t.value();
            }
        }
        return null;
    }

    public boolean matches(ObjectNode obj) {
        for (Term t : terms) {
            String actual = valueOf(obj, t.field());
            boolean eq = t.value().equals(actual == null ? "" : actual);
            if (eq != t.equals()) {
                return false;
            }
        }
        return true;
    }

    private static String valueOf(ObjectNode obj, String path) {
        JsonNode node = obj;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    public static FieldSelector parse(String selector, Set<String> selectable, String kind) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String raw : selector.split(",")) {
            String term = raw.trim();
            if (term.isEmpty()) {
                // kube skips empty terms: "a=b," selects like "a=b"
                continue;
            }
            Term t = split(term);
            if (t == null) {
                throw ApiException.badRequest("invalid selector: '" + selector + "'; can't understand '" + term + "'");
            }
            if (!t.field().equals("metadata.name")
                    && !t.field().equals("metadata.namespace")
                    && !selectable.contains(t.field())) {
                throw ApiException.badRequest("field label not supported: " + t.field());
            }
            terms.add(t);
        }
        return new FieldSelector(List.copyOf(terms));
    }

    /** Splits at the first operator, as kube does: in {@code a=b!=c} the value is {@code b!=c}. */
    private static Term split(String term) {
        for (int i = 1; i < term.length(); i++) {
            if (term.startsWith("!=", i)) {
                return new Term(
                        term.substring(0, i).trim(),
                        false,
                        term.substring(i + 2).trim());
            }
            if (term.startsWith("==", i)) {
                return new Term(
                        term.substring(0, i).trim(), true, term.substring(i + 2).trim());
            }
            if (term.charAt(i) == '=') {
                return new Term(
                        term.substring(0, i).trim(), true, term.substring(i + 1).trim());
            }
        }
        return null;
    }
}
