package io.meridian.controller.overrides;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest after overrides.
 *
 * @param manifest the overridden manifest, a new object; rules that failed are left out of it
 *     entirely, so it should not be dispatched while {@link #failures} is not empty
 * @param applied the rules that applied to the target cluster and succeeded, in application order
 * @param failures the rules that applied to the target cluster and failed, in application order
 */
public record OverrideResult(ObjectNode manifest, List<RuleRef> applied, List<OverrideFailure> failures) {

    public OverrideResult {
        applied = List.copyOf(applied);
        failures = List.copyOf(failures);
    }

    /** Whether every rule that applies succeeded. */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** The failures in one message for a condition; empty when there are none. */
    public String failureMessage() {
        return failures.stream().map(OverrideFailure::describe).collect(Collectors.joining("; "));
    }
}
