package io.meridian.fedctl.output;

/** The machine-readable forms of {@code -o}, named as they are typed. */
public enum OutputFormat {
    json,
    yaml
}
