package io.meridian.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Comparison, equality and rendering of JSON values exactly as structured-merge-diff does them, so
 * that ownership keys ({@code k:}, {@code v:}) sort, match and print the same bytes kube-apiserver
 * writes into {@code managedFields}.
 */
final class Values {

    /** Plain Jackson 2 mapper for the JSON inside path elements and {@code fieldsV1}. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Values() {}

    /** Kind rank of kube's total order over values: float, int, string, bool, list, map, null. */
    private static int rank(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return 6;
        }
        if (v.isFloatingPointNumber()) {
            return 0;
        }
        if (v.isIntegralNumber()) {
            return 1;
        }
        if (v.isTextual()) {
            return 2;
        }
        if (v.isBoolean()) {
            return 3;
        }
        if (v.isArray()) {
            return 4;
        }
        if (v.isObject()) {
            return 5;
        }
        // Binary and POJO nodes never come out of a JSON or YAML parser; order them as strings.
        return 2;
    }

    /** A total order over values; ints and floats compare numerically with each other. */
    static int compare(JsonNode a, JsonNode b) {
        int ra = rank(a);
        int rb = rank(b);
        if ((ra == 0 || ra == 1) && (rb == 0 || rb == 1)) {
            if (ra == 1 && rb == 1) {
                return a.bigIntegerValue().compareTo(b.bigIntegerValue());
            }
            double x = a.asDouble();
            double y = b.asDouble();
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 2:
                return compareStrings(a.asText(), b.asText());
            case 3:
                return Boolean.compare(a.asBoolean(), b.asBoolean());
            case 4: {
                for (int i = 0; ; i++) {
                    if (i >= a.size() && i >= b.size()) {
                        return 0;
                    }
                    if (i >= a.size()) {
                        return -1;
                    }
                    if (i >= b.size()) {
                        return 1;
                    }
                    int c = compare(a.get(i), b.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
            }
            case 5: {
                List<String> ka = sortedKeys(a);
                List<String> kb = sortedKeys(b);
                for (int i = 0; ; i++) {
                    if (i >= ka.size() && i >= kb.size()) {
                        return 0;
                    }
                    if (i >= ka.size()) {
                        return -1;
                    }
                    if (i >= kb.size()) {
                        return 1;
                    }
                    int c = compareStrings(ka.get(i), kb.get(i));
                    if (c != 0) {
                        return c;
                    }
                    c = compare(a.get(ka.get(i)), b.get(kb.get(i)));
                    if (c != 0) {
                        return c;
                    }
                }
            }
            default:
                return 0;
        }
    }

    /** Go compares strings byte-wise in UTF-8, which is code point order. */
    static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static List<String> sortedKeys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        keys.sort(Values::compareStrings);
        return keys;
    }

    /** Deep equality where an int equals a float of the same value and object key order is ignored. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return compare(a, b) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                JsonNode other = b.get(n);
                if (other == null || !equal(a.get(n), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * JSON as Go's encoding/json writes it (HTML-safe escaping, sorted object keys, floats in Go's
     * format): the bytes of a {@code k:} or {@code v:} path element.
     */
    static String goJson(JsonNode v) {
        StringBuilder sb = new StringBuilder();
        writeGoJson(sb, v);
        return sb.toString();
    }

    static void writeGoJson(StringBuilder sb, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            sb.append("null");
        } else if (v.isIntegralNumber()) {
            sb.append(v.bigIntegerValue());
        } else if (v.isNumber()) {
            sb.append(goFloat(v.asDouble()));
        } else if (v.isBoolean()) {
            sb.append(v.asBoolean());
        } else if (v.isArray()) {
            sb.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                writeGoJson(sb, v.get(i));
            }
            sb.append(']');
        } else if (v.isObject()) {
            sb.append('{');
            boolean first = true;
            for (String k : sortedKeys(v)) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeGoString(sb, k);
                sb.append(':');
                writeGoJson(sb, v.get(k));
            }
            sb.append('}');
        } else {
            writeGoString(sb, v.asText());
        }
    }

    static void writeGoString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A float64 as Go's encoding/json prints it: shortest digits, exponent only outside [1e-6, 1e21). */
    static String goFloat(double d) {
        if (d == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return bd.toPlainString();
        }
        String digits = bd.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - bd.scale();
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        // Go pads the exponent to two digits, then encoding/json trims "e-07" back to "e-7".
        if (e < 10 && exponent > 0) {
            sb.append('0');
        }
        sb.append(e);
        return sb.toString();
    }

    /** Go's {@code %q}: a double-quoted string with Go escapes. */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        sb.append(String.format(Locale.ROOT, "\\x%02x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /** A value as structured-merge-diff prints it in paths: strings quoted, everything else bare. */
    static String goDisplay(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isTextual()) {
            return goQuote(v.asText());
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            return goFloat(v.asDouble());
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(goDisplay(x)));
            return "[" + String.join(",", parts) + "]";
        }
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder();
            for (String k : sortedKeys(v)) {
                sb.append(k).append('=').append(goDisplay(v.get(k)));
            }
            return sb.toString();
        }
        return v.asText();
    }
}
