package io.meridian.fedctl;

/**
 * A failure the user can act on, printed as one line ({@code error: ...}) with a non-zero exit
 * code and no stack trace.
 */
public final class UserError extends RuntimeException {

    private final int exitCode;

    public UserError(String message) {
        this(message, 1);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
