package io.meridian.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * kube-apiserver runs its patch engines on Go's decoded JSON ({@code map[string]interface{}},
 * {@code []interface{}}, {@code string}, {@code int64}, {@code float64}, {@code bool}, {@code nil}).
 * Which elements are "the same", which lists are "of one type" and how an error message prints a
 * value all follow from that model, so the engines ask this class instead of Jackson's own notion
 * of equality (where {@code IntNode(1)} and {@code LongNode(1)} differ, and {@code 1} and
 * {@code 1.0} would be compared by value).
 */
final class GoValues {

    /** The Go dynamic type a decoded JSON value has. */
    enum Kind {
        NIL("<nil>"),
        STRING("string"),
        INT("int64"),
        FLOAT("float64"),
        BOOL("bool"),
        MAP("map[string]interface {}"),
        SLICE("[]interface {}");

        private final String goType;

        Kind(String goType) {
            this.goType = goType;
        }

        /** The type as {@code reflect.TypeOf(x)} prints with {@code %s}. */
        String goType() {
            return this == NIL ? "%!s(<nil>)" : goType;
        }
    }

    /** A value with Go's {@code ==} semantics for scalars and deep equality for containers. */
    private record Key(Kind kind, Object value) {}

    private static final Key NIL_KEY = new Key(Kind.NIL, null);

    private GoValues() {}

    static Kind kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Kind.NIL;
        }
        if (node.isObject()) {
            return Kind.MAP;
        }
        if (node.isArray()) {
            return Kind.SLICE;
        }
        if (node.isTextual()) {
            return Kind.STRING;
        }
        if (node.isBoolean()) {
            return Kind.BOOL;
        }
        if (node.isIntegralNumber()) {
            return Kind.INT;
        }
        if (node.isNumber()) {
            return Kind.FLOAT;
        }
        // Binary and POJO nodes never come out of a JSON parser; print them as strings.
        return Kind.STRING;
    }

    /**
     * An object whose {@code equals}/{@code hashCode} match Go's comparison of two decoded values:
     * an {@code int64} never equals a {@code float64}, strings compare by content.
     */
    static Object key(JsonNode node) {
        Kind kind = kind(node);
        return switch (kind) {
            case NIL -> NIL_KEY;
            case STRING -> new Key(kind, node.asText());
            case INT -> new Key(kind, node.bigIntegerValue());
            // adding 0.0 folds -0.0 into 0.0, which Go's == also treats as equal
            case FLOAT -> new Key(kind, node.doubleValue() + 0.0);
            case BOOL -> new Key(kind, node.booleanValue());
            case MAP, SLICE -> new Key(kind, node);
        };
    }

    static boolean same(JsonNode a, JsonNode b) {
        return key(a).equals(key(b));
    }

    /** The value as Go's {@code %v} prints it. */
    static String v(JsonNode node) {
        StringBuilder out = new StringBuilder();
        print(node, false, out);
        return out.toString();
    }

    /** The value as Go's {@code %s} prints it (non-strings come out as {@code %!s(type=value)}). */
    static String s(JsonNode node) {
        StringBuilder out = new StringBuilder();
        print(node, true, out);
        return out.toString();
    }

    /** {@code fmt.Sprint} of several slices, as in {@code list element types are not identical}. */
    static String slices(List<? extends Iterable<JsonNode>> slices) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < slices.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append('[');
            boolean first = true;
            for (JsonNode e : slices.get(i)) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                print(e, false, out);
            }
            out.append(']');
        }
        return out.append(']').toString();
    }

    private static void print(JsonNode node, boolean sVerb, StringBuilder out) {
        Kind kind = kind(node);
        switch (kind) {
            case NIL -> out.append(sVerb ? "%!s(<nil>)" : "<nil>");
            case STRING -> out.append(node.asText());
            case INT, FLOAT, BOOL -> {
                String text = kind == Kind.INT
                        ? node.bigIntegerValue().toString()
                        : kind == Kind.FLOAT ? formatFloat(node.doubleValue()) : String.valueOf(node.booleanValue());
                if (sVerb) {
                    out.append("%!s(")
                            .append(kind.goType)
                            .append('=')
                            .append(text)
                            .append(')');
                } else {
                    out.append(text);
                }
            }
            case MAP -> {
                // fmt prints map keys sorted
                List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                it.forEachRemaining(entries::add);
                entries.sort(Map.Entry.comparingByKey());
                out.append("map[");
                for (int i = 0; i < entries.size(); i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    out.append(entries.get(i).getKey()).append(':');
                    print(entries.get(i).getValue(), sVerb, out);
                }
                out.append(']');
            }
            case SLICE -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    print(node.get(i), sVerb, out);
                }
                out.append(']');
            }
        }
    }

    /** Go's {@code %v} of a float64: shortest digits, exponent form outside [1e-4, 1e6). */
    static String formatFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (1 / value) < 0 ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = decimal.signum() < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        return decimal.toPlainString();
    }
}
