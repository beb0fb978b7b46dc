package io.meridian.api.model.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading and updating condition lists the way Kubernetes' {@code meta.SetStatusCondition} does:
 * one condition per type, and a transition time that moves only when the status changes.
 */
public final class Conditions {

    private Conditions() {}

    /** The condition of {@code type}, if the list holds one. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.type())).findFirst();
    }

    /** The status of the condition of {@code type}; {@code UNKNOWN} when there is none. */
    public static ConditionStatus status(List<Condition> conditions, String type) {
        return find(conditions, type).map(Condition::status).orElse(ConditionStatus.UNKNOWN);
    }

    /** Whether the condition of {@code type} is present and True. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return status(conditions, type) == ConditionStatus.TRUE;
    }

    /** Whether the condition of {@code type} is present and False. */
    public static boolean isFalse(List<Condition> conditions, String type) {
        return status(conditions, type) == ConditionStatus.FALSE;
    }

    /**
     * A new list with {@code desired} in place of the condition of the same type, or appended. When
     * the status does not change, the existing last transition time is kept, so a condition that is
     * rewritten on every reconcile does not look as if it had just flipped.
     */
    public static List<Condition> set(List<Condition> conditions, Condition desired) {
        List<Condition> result = new ArrayList<>(conditions == null ? List.of() : conditions);
        for (int i = 0; i < result.size(); i++) {
            Condition existing = result.get(i);
            if (desired.type().equals(existing.type())) {
                Condition merged = existing.status() == desired.status() && existing.lastTransitionTime() != null
                        ? new Condition(
                                desired.type(),
                                desired.status(),
                                desired.observedGeneration(),
                                existing.lastTransitionTime(),
                                desired.reason(),
                                desired.message())
                        : desired;
                result.set(i, merged);
                return List.copyOf(result);
            }
        }
        result.add(desired);
        return List.copyOf(result);
    }

    /** A new list without the condition of {@code type}. */
    public static List<Condition> remove(List<Condition> conditions, String type) {
        if (conditions == null) {
            return List.of();
        }
        return conditions.stream().filter(c -> !type.equals(c.type())).toList();
    }
}
