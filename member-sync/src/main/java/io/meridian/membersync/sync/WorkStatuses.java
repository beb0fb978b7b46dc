package io.meridian.membersync.sync;

import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.work.ManifestStatus;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.ResourceIdentifier;
import io.meridian.api.model.work.WorkStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** The Work status that per-manifest results come to: the entries, and the Applied and Available conditions. */
final class WorkStatuses {

    private static final int MESSAGE_ITEMS = 3;

    private WorkStatuses() {}

    /**
     * The status to write after a reconcile.
     *
     * @param previous the status the Work has now (transition times are kept when a condition keeps
     *     its status)
     * @param entries one per manifest, in manifest order
     * @param suspended whether dispatching is suspended (nothing was applied)
     * @param generation the Work's generation the entries describe
     */
    static WorkStatus next(
            WorkStatus previous, List<ManifestStatus> entries, boolean suspended, Long generation, Instant now) {
        List<Condition> conditions = previous == null ? List.of() : previous.conditions();
        conditions = Conditions.set(conditions, applied(entries, suspended, now).withObservedGeneration(generation));
        conditions = Conditions.set(conditions, available(entries, now).withObservedGeneration(generation));
        return new WorkStatus(conditions, entries);
    }

    static Condition applied(List<ManifestStatus> entries, boolean suspended, Instant now) {
        if (suspended) {
            return Condition.of(
                    ConditionTypes.APPLIED,
                    ConditionStatus.FALSE,
                    ConditionReasons.SUSPENDED,
                    "dispatching to the member cluster is suspended; its objects are reported as they are",
                    now);
        }
        Predicate<ManifestStatus> notApplied = e -> !Boolean.TRUE.equals(e.applied());
        if (entries.stream().noneMatch(notApplied)) {
            return Condition.of(
                    ConditionTypes.APPLIED,
                    ConditionStatus.TRUE,
                    ConditionReasons.APPLIED,
                    switch (entries.size()) {
                        case 0 -> "there is nothing to apply";
                        case 1 -> "the manifest is applied";
                        default -> "all " + entries.size() + " manifests are applied";
                    },
                    now);
        }
        Predicate<ManifestStatus> conflict = e -> ConditionReasons.CONFLICT.equals(e.reason());
        boolean anyConflict = entries.stream().anyMatch(conflict);
        return Condition.of(
                ConditionTypes.APPLIED,
                ConditionStatus.FALSE,
                anyConflict ? ConditionReasons.CONFLICT : ConditionReasons.APPLY_FAILED,
                summary(entries, anyConflict ? conflict : notApplied, e -> e.message()),
                now);
    }

    static Condition available(List<ManifestStatus> entries, Instant now) {
        Predicate<ManifestStatus> unhealthy = e -> e.health() == ResourceHealth.UNHEALTHY;
        Predicate<ManifestStatus> notHealthy = e -> e.health() != ResourceHealth.HEALTHY;
        if (entries.stream().noneMatch(notHealthy)) {
            return Condition.of(
                    ConditionTypes.AVAILABLE,
                    ConditionStatus.TRUE,
                    ConditionReasons.HEALTHY,
                    "every object is healthy in the member cluster",
                    now);
        }
        if (entries.stream().anyMatch(unhealthy)) {
            return Condition.of(
                    ConditionTypes.AVAILABLE,
                    ConditionStatus.FALSE,
                    ConditionReasons.UNHEALTHY,
                    summary(entries, unhealthy, e -> "not healthy"),
                    now);
        }
        return Condition.of(
                ConditionTypes.AVAILABLE,
                ConditionStatus.UNKNOWN,
                ConditionReasons.STATUS_UNKNOWN,
                summary(
                        entries,
                        notHealthy,
                        e -> Boolean.TRUE.equals(e.applied()) ? "health not reported yet" : "not applied"),
                now);
    }

    private static String summary(
            List<ManifestStatus> entries,
            Predicate<ManifestStatus> which,
            java.util.function.Function<ManifestStatus, String> text) {
        List<ManifestStatus> selected = entries.stream().filter(which).toList();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(MESSAGE_ITEMS, selected.size()); i++) {
            if (i > 0) {
                b.append("; ");
            }
            ManifestStatus e = selected.get(i);
            b.append(describe(e.identifier())).append(": ").append(text.apply(e));
        }
        if (selected.size() > MESSAGE_ITEMS) {
            b.append("; and ").append(selected.size() - MESSAGE_ITEMS).append(" more");
        }
        return b.toString();
    }

    static String describe(ResourceIdentifier id) {
        String kind = id.kind() == null ? "manifest " + id.ordinal() : id.kind();
        String name = id.name() == null ? "" : id.namespace() == null ? id.name() : id.namespace() + "/" + id.name();
        return (kind + " " + name).trim();
    }
}
