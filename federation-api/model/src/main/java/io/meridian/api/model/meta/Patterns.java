package io.meridian.api.model.meta;

/** Regular expressions shared by the schemas; all of them are valid RE2 as well as Java regex. */
public final class Patterns {

    private Patterns() {}

    /** A DNS-1123 label: lower case alphanumerics and '-', starting and ending alphanumeric. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** A DNS-1123 subdomain: DNS labels joined by dots. */
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /**
     * A qualified name with an optional DNS subdomain prefix, as label keys and condition types.
     */
    public static final String QUALIFIED_NAME = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$";

    /** A CamelCase machine-readable reason, as in metav1.Condition. */
    public static final String REASON = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

    /** A fully qualified host name, optionally with a leading wildcard label. */
    public static final String HOSTNAME =
            "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\.?$";

    /** An http or https URL. */
    public static final String HTTP_URL = "^https?://[^\\s/$.?#].[^\\s]*$";

    /** A Go duration such as {@code 90s}, {@code 5m} or {@code 1h30m}. */
    public static final String GO_DURATION = "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

    /** A JSON pointer (RFC 6901) to a field below the root. */
    public static final String JSON_POINTER = "^(/([^/~]|~[01])*)+$";
}
