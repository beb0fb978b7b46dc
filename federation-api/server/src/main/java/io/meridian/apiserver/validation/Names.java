package io.meridian.apiserver.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The naming rules of the Kubernetes API (DNS-1123 labels and subdomains, DNS-1035 labels, qualified
 * names, label values, path segments). Each check returns the list of kube-apiserver's messages for
 * what is wrong, empty when the value is valid; lengths are counted in UTF-8 bytes, as Go's
 * {@code len} does.
 */
public final class Names {

    public static final int DNS1123_LABEL_MAX_LENGTH = 63;
    public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
    public static final int DNS1035_LABEL_MAX_LENGTH = 63;
    public static final int QUALIFIED_NAME_MAX_LENGTH = 63;
    public static final int LABEL_VALUE_MAX_LENGTH = 63;

    static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";

    private static final String DNS1123_LABEL_MSG =
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must"
                    + " start and end with an alphanumeric character";
    private static final String DNS1123_SUBDOMAIN_MSG =
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and"
                    + " must start and end with an alphanumeric character";
    private static final String DNS1035_LABEL_MSG =
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
                    + " alphabetic character, and end with an alphanumeric character";
    private static final String QUALIFIED_NAME_MSG =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
                    + " alphanumeric character";
    private static final String LABEL_VALUE_MSG =
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and"
                    + " must start and end with an alphanumeric character";

    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);

    /**
     * How the limit is worded: object names use kube's older "characters" helper, while label keys and
     * values (and a label key's prefix) use the newer "bytes" one.
     */
    private enum Unit {
        CHARACTERS,
        BYTES
    }

    private Names() {}

    /** A DNS label (RFC 1123): namespaces, most label-like names. */
    public static List<String> isDns1123Label(String value) {
        return dns1123Label(value, Unit.CHARACTERS);
    }

    /** A DNS subdomain (RFC 1123): the name of most kinds. */
    public static List<String> isDns1123Subdomain(String value) {
        return dns1123Subdomain(value, Unit.CHARACTERS);
    }

    /** A DNS label (RFC 1035), which must start with a letter: Services. */
    public static List<String> isDns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) {
            errs.add(maxLenError(DNS1035_LABEL_MAX_LENGTH, Unit.CHARACTERS));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errs.add(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    /**
     * A qualified name (a label key): an optional DNS subdomain prefix and {@code /}, then a name of at
     * most 63 alphanumerics, {@code -}, {@code _} or {@code .}. Label keys, annotation keys (lower-cased
     * first) and finalizers use it.
     */
    public static List<String> isQualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        switch (parts.length) {
            case 1 -> name = parts[0];
            case 2 -> {
                String prefix = parts[0];
                name = parts[1];
                if (prefix.isEmpty()) {
                    errs.add("prefix part " + emptyError());
                } else {
                    for (String msg : dns1123Subdomain(prefix, Unit.BYTES)) {
                        errs.add("prefix part " + msg);
                    }
                }
            }
            default -> {
                errs.add("a valid label key "
                        + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
            }
        }
        if (name.isEmpty()) {
            errs.add("name part " + emptyError());
        } else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
            errs.add("name part " + maxLenError(QUALIFIED_NAME_MAX_LENGTH, Unit.BYTES));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    /** A label value: empty, or at most 63 alphanumerics, {@code -}, {@code _} or {@code .}. */
    public static List<String> isValidLabelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) {
            errs.add(maxLenError(LABEL_VALUE_MAX_LENGTH, Unit.BYTES));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** A name that can be a URL path segment and an etcd key segment (RBAC kinds, embedded objects). */
    public static List<String> isValidPathSegmentName(String value) {
        if (value.equals(".") || value.equals("..")) {
            return List.of("may not be '" + value + "'");
        }
        return isValidPathSegmentPrefix(value);
    }

    /** As {@link #isValidPathSegmentName} for a prefix that a suffix will be appended to. */
    public static List<String> isValidPathSegmentPrefix(String value) {
        List<String> errs = new ArrayList<>();
        for (String illegal : List.of("/", "%")) {
            if (value.contains(illegal)) {
                errs.add("may not contain '" + illegal + "'");
            }
        }
        return errs;
    }

    private static List<String> dns1123Label(String value, Unit unit) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_LABEL_MAX_LENGTH, unit));
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
                // A valid subdomain that is no label: the length was checked, so it must be the dots.
                errs.add("must not contain dots");
            } else {
                errs.add(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return errs;
    }

    private static List<String> dns1123Subdomain(String value, Unit unit) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH, unit));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    static String maxLenError(int length, Unit unit) {
        return "must be no more than " + length + (unit == Unit.BYTES ? " bytes" : " characters");
    }

    static String emptyError() {
        return "must be non-empty";
    }

    /** kube's {@code RegexError}: the message, the examples, and the regular expression used. */
    static String regexError(String msg, String regex, String... examples) {
        if (examples.length == 0) {
            return msg + " (regex used for validation is '" + regex + "')";
        }
        StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '")
                .append(regex)
                .append("')")
                .toString();
    }

    static int byteLength(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
