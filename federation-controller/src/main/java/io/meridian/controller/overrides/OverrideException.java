package io.meridian.controller.overrides;

/** An overrider that cannot apply; caught by {@link OverrideApplier} and reported as a value. */
final class OverrideException extends Exception {

    OverrideException(String message) {
        super(message, null, false, false);
    }
}
