package io.meridian.apiserver.validation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string formats kube-apiserver checks in CustomResourceDefinition schemas (the set supported
 * since 1.0; any other format is ignored), and the integer and number formats it keeps.
 */
final class Formats {

    private static final Pattern UUID =
            Pattern.compile("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");
    private static final Pattern UUID3 =
            Pattern.compile("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}");
    private static final Pattern UUID4 =
            Pattern.compile("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}");
    private static final Pattern UUID5 =
            Pattern.compile("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}");
    private static final String HOST_CHAR = "[a-zA-Z0-9\\p{S}\\p{L}]";
    private static final Pattern HOSTNAME = Pattern.compile("(" + HOST_CHAR + "((-?" + HOST_CHAR + "{0,62})?)|("
            + HOST_CHAR + "(([a-zA-Z0-9\\-\\p{S}\\p{L}]{0,61}" + HOST_CHAR + ")?)(\\.)){1,}(" + HOST_CHAR + ")(-?"
            + HOST_CHAR + "){1,62})");
    private static final Pattern BSON_OBJECT_ID = Pattern.compile("[0-9a-fA-F]{24}");
    private static final Pattern HEX_COLOR = Pattern.compile("#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final String RGB_PART = "\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*";
    private static final Pattern RGB_COLOR =
            Pattern.compile("rgb\\(" + RGB_PART + "," + RGB_PART + "," + RGB_PART + "\\)");
    private static final Pattern BASE64 =
            Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})");
    private static final Pattern SSN = Pattern.compile("\\d{3}[- ]?\\d{2}[- ]?\\d{4}");
    private static final Pattern CREDIT_CARD = Pattern.compile("(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|"
            + "(222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}|6(?:011|5[0-9][0-9])[0-9]{12}|"
            + "3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11}|6[27][0-9]{14})");
    private static final Pattern EMAIL = Pattern.compile("(?:[^<>@\\s]*<)?[^\\s@<>]+@[^\\s@<>]+>?");
    private static final Pattern TIME_OF_DAY =
            Pattern.compile("([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))");
    private static final Pattern GO_DURATION =
            Pattern.compile("[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+|[-+]?0");
    private static final Pattern UNIT_DURATION = Pattern.compile(
            "(\\d+)\\s*(ns|us|\u00b5s|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|"
                    + "hours?|days?|weeks?|nanos?|micros?|millis?|secs?|mins?|hrs?|hr)");
    private static final Pattern QUANTITY =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(|[numkMGTPE]|[KMGTPE]i|[eE][+-]?[0-9]+)");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final Map<String, Predicate<String>> STRING_FORMATS = Map.ofEntries(
            Map.entry("bsonobjectid", s -> BSON_OBJECT_ID.matcher(s).matches()),
            Map.entry("uri", Formats::isRequestUri),
            Map.entry("email", s -> EMAIL.matcher(s).matches()),
            Map.entry("hostname", Formats::isHostname),
            Map.entry("ipv4", Formats::isIpv4),
            Map.entry("ipv6", s -> s.contains(":") && Ip.isIpv6(s)),
            Map.entry("cidr", Formats::isCidr),
            Map.entry("mac", Formats::isMac),
            Map.entry("uuid", s -> UUID.matcher(s).matches()),
            Map.entry("uuid3", s -> UUID3.matcher(s).matches()),
            Map.entry("uuid4", s -> UUID4.matcher(s).matches()),
            Map.entry("uuid5", s -> UUID5.matcher(s).matches()),
            Map.entry("isbn", s -> isIsbn10(s) || isIsbn13(s)),
            Map.entry("isbn10", Formats::isIsbn10),
            Map.entry("isbn13", Formats::isIsbn13),
            Map.entry("creditcard", Formats::isCreditCard),
            Map.entry("ssn", s -> s.length() == 11 && SSN.matcher(s).matches()),
            Map.entry("hexcolor", s -> HEX_COLOR.matcher(s).matches()),
            Map.entry("rgbcolor", s -> RGB_COLOR.matcher(s).matches()),
            Map.entry("byte", s -> BASE64.matcher(s).matches()),
            Map.entry("password", s -> true),
            Map.entry("date", Formats::isDate),
            Map.entry(
                    "duration",
                    s -> GO_DURATION.matcher(s).matches()
                            || UNIT_DURATION.matcher(s).matches()),
            Map.entry("datetime", Formats::isDateTime),
            Map.entry("quantity", s -> QUANTITY.matcher(s).matches()));

    private static final Set<String> INTEGER_FORMATS = Set.of("int32", "int64");
    private static final Set<String> NUMBER_FORMATS = Set.of("float", "double");

    private Formats() {}

    /**
     * The format kube keeps for a schema of these types; formats it does not support are dropped (so
     * {@code int-or-string}, {@code k8s-short-name}... check nothing).
     */
    static String effective(String format, java.util.List<String> types) {
        if (format == null || format.isEmpty()) {
            return "";
        }
        String type = types.size() == 1 ? types.get(0) : "";
        return switch (type) {
            case "", "string" -> STRING_FORMATS.containsKey(normalize(format)) ? format : "";
            case "integer" -> INTEGER_FORMATS.contains(format) ? format : "";
            case "number" -> NUMBER_FORMATS.contains(format) ? format : "";
            default -> "";
        };
    }

    /** Whether a string format is checked at all (numeric formats never are on strings). */
    static boolean isStringFormat(String format) {
        return STRING_FORMATS.containsKey(normalize(format));
    }

    static boolean validates(String format, String value) {
        Predicate<String> check = STRING_FORMATS.get(normalize(format));
        return check == null || check.test(value);
    }

    private static String normalize(String format) {
        return format.replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static boolean isHostname(String s) {
        if (!HOSTNAME.matcher(s).matches() || Names.byteLength(s) > 255) {
            return false;
        }
        for (String part : s.split("\\.", -1)) {
            if (Names.byteLength(part) > 63) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv4(String s) {
        return s.contains(".") && Ip.isIpv4(s);
    }

    private static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String addr = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        int max;
        if (Ip.isIpv4(addr)) {
            max = 32;
        } else if (Ip.isIpv6(addr)) {
            max = 128;
        } else {
            return false;
        }
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        if (bits.length() > 1 && bits.charAt(0) == '0') {
            return false;
        }
        return Integer.parseInt(bits) <= max;
    }

    private static boolean isMac(String s) {
        // Go's net.ParseMAC: 6, 8 or 20 octets as xx:xx:.., xx-xx-.. or xxxx.xxxx...
        if (s.length() < 14) {
            return false;
        }
        if (s.charAt(2) == ':' || s.charAt(2) == '-') {
            if ((s.length() + 1) % 3 != 0) {
                return false;
            }
            int n = (s.length() + 1) / 3;
            if (n != 6 && n != 8 && n != 20) {
                return false;
            }
            char sep = s.charAt(2);
            for (int i = 0; i < n; i++) {
                int x = i * 3;
                if (!isHex(s.charAt(x)) || !isHex(s.charAt(x + 1)) || (i < n - 1 && s.charAt(x + 2) != sep)) {
                    return false;
                }
            }
            return true;
        }
        if (s.charAt(4) == '.') {
            if ((s.length() + 1) % 5 != 0) {
                return false;
            }
            int groups = (s.length() + 1) / 5;
            int n = 2 * groups;
            if (n != 6 && n != 8 && n != 20) {
                return false;
            }
            for (int i = 0; i < groups; i++) {
                int x = i * 5;
                for (int j = 0; j < 4; j++) {
                    if (!isHex(s.charAt(x + j))) {
                        return false;
                    }
                }
                if (i < groups - 1 && s.charAt(x + 4) != '.') {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static boolean isRequestUri(String s) {
        // Go's url.ParseRequestURI: an absolute URI, or an absolute path.
        if (s.isEmpty() || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ' ')) {
            return false;
        }
        if (s.startsWith("/")) {
            return true;
        }
        Matcher m = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*):(.*)", Pattern.DOTALL)
                .matcher(s);
        return m.matches();
    }

    private static boolean isIsbn10(String s) {
        String d = s.replace(" ", "").replace("-", "");
        if (!d.matches("[0-9]{9}[0-9X]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int v = d.charAt(i) == 'X' ? 10 : d.charAt(i) - '0';
            sum += (i + 1) * v;
        }
        return sum % 11 == 0;
    }

    private static boolean isIsbn13(String s) {
        String d = s.replace(" ", "").replace("-", "");
        if (!d.matches("[0-9]{13}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (d.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10 == d.charAt(12) - '0';
    }

    private static boolean isCreditCard(String s) {
        String d = s.replaceAll("[^0-9]+", "");
        if (!CREDIT_CARD.matcher(d).matches()) {
            return false;
        }
        int sum = 0;
        boolean dbl = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            int v = d.charAt(i) - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s, DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDateTime(String s) {
        if (s.length() < 4) {
            return false;
        }
        String[] parts = s.toLowerCase(Locale.ROOT).split("t", -1);
        if (parts.length < 2 || !isDate(parts[0])) {
            return false;
        }
        Matcher m = TIME_OF_DAY.matcher(parts[1]);
        if (!m.matches()) {
            return false;
        }
        return m.group(1).compareTo("23") <= 0
                && m.group(2).compareTo("59") <= 0
                && m.group(3).compareTo("59") <= 0;
    }

    /** IP literal parsing as Go's {@code net.ParseIP} accepts it (no zones, no leading zeros). */
    static final class Ip {

        private Ip() {}

        static boolean isIpv4(String s) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return false;
                }
                if (p.length() > 1 && p.charAt(0) == '0') {
                    return false;
                }
                if (Integer.parseInt(p) > 255) {
                    return false;
                }
            }
            return true;
        }

        static boolean isIpv6(String s) {
            if (!s.contains(":")) {
                return false;
            }
            int groups = 0;
            boolean ellipsis = false;
            String rest = s;
            if (rest.startsWith("::")) {
                ellipsis = true;
                rest = rest.substring(2);
                if (rest.isEmpty()) {
                    return true;
                }
            }
            while (!rest.isEmpty()) {
                int colon = rest.indexOf(':');
                String group = colon < 0 ? rest : rest.substring(0, colon);
                if (colon < 0 && group.contains(".")) {
                    if (!isIpv4(group)) {
                        return false;
                    }
                    groups += 2;
                    rest = "";
                    break;
                }
                if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(c -> isHex((char) c))) {
                    return false;
                }
                groups++;
                if (colon < 0) {
                    rest = "";
                } else {
                    rest = rest.substring(colon + 1);
                    if (rest.startsWith(":")) {
                        if (ellipsis) {
                            return false;
                        }
                        ellipsis = true;
                        rest = rest.substring(1);
                    } else if (rest.isEmpty()) {
                        return false;
                    }
                }
            }
            return ellipsis ? groups < 8 : groups == 8;
        }
    }
}
