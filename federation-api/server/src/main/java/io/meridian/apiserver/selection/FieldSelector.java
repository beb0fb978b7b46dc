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
            Term t;
            int ne = term.indexOf("!=");
            int eq2 = term.indexOf("==");
            int eq = term.indexOf('=');
            if (ne > 0) {
                t = new Term(
                        term.substring(0, ne).trim(),
                        false,
                        term.substring(ne + 2).trim());
            } else if (eq2 > 0) {
                t = new Term(
                        term.substring(0, eq2).trim(),
                        true,
                        term.substring(eq2 + 2).trim());
            } else if (eq > 0) {
                t = new Term(
                        term.substring(0, eq).trim(),
                        true,
                        term.substring(eq + 1).trim());
            } else {
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
}
