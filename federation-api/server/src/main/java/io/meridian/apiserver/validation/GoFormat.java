package io.meridian.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders values the way kube-apiserver's Go code prints them inside messages ({@code %q}, {@code %v}
 * and {@code encoding/json}), so a client comparing our messages with a real cluster's sees the same
 * text.
 */
final class GoFormat {

    private GoFormat() {}

    /** A decoded JSON value as {@code field.Error} prints its bad value. */
    static String value(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isTextual()) {
            return quote(v.textValue());
        }
        if (v.isBoolean()) {
            return String.valueOf(v.booleanValue());
        }
        if (isInteger(v)) {
            return String.valueOf(v.longValue());
        }
        if (v.isNumber()) {
            return floatV(v.doubleValue());
        }
        return json(v);
    }

    /** Whether the JSON number decodes to an int64 in kube (integral text that fits a long). */
    static boolean isInteger(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong();
    }

    /** Go's {@code strconv.Quote}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendEscaped(sb, cp));
        return sb.append('"').toString();
    }

    private static void appendEscaped(StringBuilder sb, int cp) {
        switch (cp) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case 0x07 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0b -> sb.append("\\v");
            default -> {
                if (isPrint(cp)) {
                    sb.appendCodePoint(cp);
                } else if (cp < 0x80) {
                    sb.append(String.format("\\x%02x", cp));
                } else if (cp < 0x10000) {
                    sb.append(String.format("\\u%04x", cp));
                } else {
                    sb.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}, closely enough: letters, marks, numbers, symbols, punctuation, ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Go's {@code %v} for a float64: shortest digits, exponent form below 1e-4 or from 1e6. */
    static String floatV(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        return formatShortest(d, -4, 6, false);
    }

    /** Go's {@code encoding/json} float64 encoding. */
    static String floatJson(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        double abs = Math.abs(d);
        if (abs < 1e-6 || abs >= 1e21) {
            return formatShortest(d, Integer.MAX_VALUE, Integer.MIN_VALUE, true);
        }
        return formatShortest(d, Integer.MIN_VALUE, Integer.MAX_VALUE, true);
    }

    /**
     * Formats with the shortest round-tripping digits; plain when {@code minExp <= exp < maxExp},
     * else in exponent form ({@code 1e+21}, or {@code 1e-07}/{@code 1e-7} for JSON).
     */
    private static String formatShortest(double d, int minExp, int maxExp, boolean jsonExponent) {
        // JDK 19+ Double.toString yields the shortest decimal that round-trips, as Go does.
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = bd.signum() < 0 ? "-" : "";
        // strconv's 'g' with the shortest precision switches to an exponent at exp < -4 || exp >= 6.
        if (exp < minExp || exp >= maxExp) {
            StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10 && !jsonExponent) {
                sb.append('0');
            }
            return sb.append(a).toString();
        }
        return sign + bd.abs().toPlainString();
    }

    /** Go's {@code json.Marshal} of a decoded value: object keys sorted, HTML characters escaped. */
    static String json(JsonNode v) {
        StringBuilder sb = new StringBuilder();
        writeJson(sb, v);
        return sb.toString();
    }

    private static void writeJson(StringBuilder sb, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            sb.append("null");
        } else if (v.isTextual()) {
            jsonString(sb, v.textValue());
        } else if (v.isBoolean()) {
            sb.append(v.booleanValue());
        } else if (isInteger(v)) {
            sb.append(v.longValue());
        } else if (v.isNumber()) {
            sb.append(floatJson(v.doubleValue()));
        } else if (v.isArray()) {
            sb.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                writeJson(sb, v.get(i));
            }
            sb.append(']');
        } else if (v.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                jsonString(sb, e.getKey());
                sb.append(':');
                writeJson(sb, e.getValue());
            }
            sb.append('}');
        } else {
            jsonString(sb, v.asText());
        }
    }

    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder();
        jsonString(sb, s);
        return sb.toString();
    }

    private static void jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Go's {@code %#v} of a {@code []string}, as in {@code []string{"a", "b"}}. */
    static String stringSliceGoSyntax(List<String> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add(quote(v)));
        return "[]string{" + String.join(", ", quoted) + "}";
    }
}
