package io.meridian.fedctl.output;

import io.meridian.api.model.meta.ConditionStatus;

/** Condition statuses as the API writes them, and the style each gets. */
public final class ConditionText {

    private ConditionText() {}

    /** {@code True}, {@code False} or {@code Unknown}. */
    public static String of(ConditionStatus status) {
        if (status == null) {
            return "Unknown";
        }
        return switch (status) {
            case TRUE -> "True";
            case FALSE -> "False";
            case UNKNOWN -> "Unknown";
        };
    }

    /** Green for True, red for False, yellow otherwise. */
    public static Style style(String status) {
        return switch (status) {
            case "True" -> Style.GOOD;
            case "False" -> Style.BAD;
            default -> Style.WARN;
        };
    }
}
