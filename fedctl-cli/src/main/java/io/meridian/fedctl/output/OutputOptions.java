package io.meridian.fedctl.output;

import picocli.CommandLine.Option;

/** {@code -o json|yaml}: output for scripts instead of tables. */
public final class OutputOptions {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "json or yaml: print a document for scripts instead of a table.")
    OutputFormat format;

    /** The format asked for, or null for the human form. */
    public OutputFormat format() {
        return format;
    }
}
