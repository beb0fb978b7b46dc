package io.meridian.controller.status;

import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.work.AggregatedStatusItem;
import io.meridian.api.model.work.ManifestStatus;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.Work;
import io.meridian.api.model.work.WorkStatus;
import io.meridian.controller.render.WorkRenderer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Works of a binding read, cluster by cluster, and what that makes of the binding's
 * FullyApplied condition. Pure.
 */
public final class Aggregation {

    private Aggregation() {}

    /** Where one target cluster stands. */
    public enum State {
        /** Every manifest of the current Work is applied. */
        APPLIED,
        /** The Work is not written, not current, or not yet applied as it is now. */
        PENDING,
        /** The member refused a manifest of the current Work. */
        FAILED,
        /** A manifest collides with a member object Meridian does not manage. */
        CONFLICT,
        /** Overrides failed, so the cluster's Work could not be rendered as the template is now. */
        NOT_RENDERED
    }

    /**
     * One target cluster's view.
     *
     * @param item the binding's per-cluster entry
     * @param state where the cluster stands
     * @param current whether the Work holds what the template renders to now and the member's report
     *     describes that Work; only then does its status count for the federated object
     * @param message why the cluster is not applied, when it is not
     */
    public record ClusterView(AggregatedStatusItem item, State state, boolean current, String message) {

        /** The item to sum into the federated object: its status only when current. */
        public AggregatedStatusItem forObject() {
            return current
                    ? item
                    : new AggregatedStatusItem(
                            item.clusterName(), item.applied(), item.appliedMessage(), item.health(), null);
        }
    }

    /**
     * The view of {@code cluster}.
     *
     * @param work the cluster's Work, or null
     * @param outcome what rendering the template gives for the cluster now, or null when unknown
     */
    public static ClusterView view(String cluster, Work work, WorkRenderer.Outcome outcome) {
        if (outcome instanceof WorkRenderer.Failed failed) {
            String message = failed.message() + "; the cluster's Work is left as it was";
            ManifestStatus primary = work == null ? null : primary(work).orElse(null);
            AggregatedStatusItem item = new AggregatedStatusItem(
                    cluster,
                    false,
                    message,
                    primary == null ? ResourceHealth.UNKNOWN : primary.health(),
                    primary == null ? null : primary.status());
            return new ClusterView(item, State.NOT_RENDERED, false, message);
        }
        if (work == null || work.getMetadata().getDeletionTimestamp() != null) {
            String message = "its Work is not written yet";
            return new ClusterView(
                    new AggregatedStatusItem(cluster, false, message, ResourceHealth.UNKNOWN, null),
                    State.PENDING,
                    false,
                    message);
        }
        boolean specCurrent = outcome instanceof WorkRenderer.Rendered rendered
                && work.getSpec() != null
                && WorkRenderer.sameSpec(rendered.work().getSpec(), work.getSpec());
        long generation = work.getMetadata().getGeneration() == null
                ? 0
                : work.getMetadata().getGeneration();
        List<ManifestStatus> entries =
                work.getStatus() == null ? List.of() : work.getStatus().manifestStatuses();
        int manifests = work.getSpec() == null || work.getSpec().workload() == null
                ? 0
                : work.getSpec().workload().manifests().size();

        Optional<ManifestStatus> primary = primary(work);
        boolean primaryCurrent = primary.isPresent() && observes(primary.get(), generation);
        ResourceHealth health = primary.map(ManifestStatus::health).orElse(ResourceHealth.UNKNOWN);

        State state;
        String message = null;
        List<String> failures = new ArrayList<>();
        boolean conflict = false;
        for (ManifestStatus entry : entries) {
            if (entry != null && observes(entry, generation) && Boolean.FALSE.equals(entry.applied())) {
                conflict |= ConditionReasons.CONFLICT.equals(entry.reason());
                failures.add(describe(entry));
            }
        }
        Optional<Condition> appliedCondition = Conditions.find(
                work.getStatus() == null ? null : work.getStatus().conditions(), ConditionTypes.APPLIED);
        boolean conditionCurrent = appliedCondition.isPresent()
                && (appliedCondition.get().observedGeneration() == null
                        || appliedCondition.get().observedGeneration() >= generation);
        if (!failures.isEmpty()) {
            state = conflict ? State.CONFLICT : State.FAILED;
            message = String.join("; ", failures);
        } else if (conditionCurrent && appliedCondition.get().status() == ConditionStatus.FALSE) {
            state = ConditionReasons.CONFLICT.equals(appliedCondition.get().reason()) ? State.CONFLICT : State.FAILED;
            message = appliedCondition.get().message();
        } else if (specCurrent
                && (allApplied(entries, manifests, generation)
                        || (conditionCurrent && appliedCondition.get().status() == ConditionStatus.TRUE))) {
            state = State.APPLIED;
        } else {
            state = State.PENDING;
            message = specCurrent ? "the member has not applied the current Work yet" : "its Work is being updated";
        }
        boolean applied = state == State.APPLIED;
        AggregatedStatusItem item = new AggregatedStatusItem(
                cluster,
                applied,
                applied ? null : message,
                primaryCurrent && specCurrent ? health : ResourceHealth.UNKNOWN,
                primary.map(ManifestStatus::status).orElse(null));
        return new ClusterView(item, state, specCurrent && primaryCurrent, message);
    }

    /**
     * The binding's FullyApplied condition over its target clusters' views.
     *
     * @param suspended whether the policy suspends dispatching
     */
    public static Condition fullyApplied(List<ClusterView> views, boolean suspended, Long generation, Instant now) {
        Condition condition;
        if (suspended) {
            condition = Condition.of(
                    ConditionTypes.FULLY_APPLIED,
                    ConditionStatus.FALSE,
                    ConditionReasons.SUSPENDED,
                    "dispatching to member clusters is suspended by the policy",
                    now);
        } else if (views.isEmpty()) {
            condition = Condition.of(
                    ConditionTypes.FULLY_APPLIED,
                    ConditionStatus.FALSE,
                    ConditionReasons.PARTIALLY_APPLIED,
                    "no cluster is targeted",
                    now);
        } else {
            List<String> notRendered = messages(views, State.NOT_RENDERED);
            List<String> failed = messages(views, State.FAILED);
            List<String> conflicts = messages(views, State.CONFLICT);
            List<String> pending = views.stream()
                    .filter(v -> v.state() == State.PENDING)
                    .map(v -> v.item().clusterName())
                    .toList();
            long applied =
                    views.stream().filter(v -> v.state() == State.APPLIED).count();
            if (!notRendered.isEmpty() || !failed.isEmpty()) {
                List<String> all = new ArrayList<>(notRendered);
                all.addAll(failed);
                condition = Condition.of(
                        ConditionTypes.FULLY_APPLIED,
                        ConditionStatus.FALSE,
                        ConditionReasons.APPLY_FAILED,
                        String.join("; ", all),
                        now);
            } else if (!conflicts.isEmpty()) {
                condition = Condition.of(
                        ConditionTypes.FULLY_APPLIED,
                        ConditionStatus.FALSE,
                        ConditionReasons.CONFLICT,
                        String.join("; ", conflicts),
                        now);
            } else if (!pending.isEmpty()) {
                condition = Condition.of(
                        ConditionTypes.FULLY_APPLIED,
                        ConditionStatus.FALSE,
                        ConditionReasons.PARTIALLY_APPLIED,
                        "applied in " + applied + " of " + views.size() + " clusters; waiting for "
                                + String.join(", ", pending),
                        now);
            } else {
                condition = Condition.of(
                        ConditionTypes.FULLY_APPLIED,
                        ConditionStatus.TRUE,
                        ConditionReasons.APPLIED,
                        "applied in "
                                + String.join(
                                        ", ",
                                        views.stream()
                                                .map(v -> v.item().clusterName())
                                                .toList()),
                        now);
            }
        }
        return condition.withObservedGeneration(generation);
    }

    private static List<String> messages(List<ClusterView> views, State state) {
        return views.stream()
                .filter(v -> v.state() == state)
                .map(v -> v.item().clusterName() + ": " + v.message())
                .toList();
    }

    /** The status of the Work's first manifest, the federated object itself. */
    static Optional<ManifestStatus> primary(Work work) {
        WorkStatus status = work.getStatus();
        if (status == null) {
            return Optional.empty();
        }
        return status.manifestStatuses().stream()
                .filter(Objects::nonNull)
                .filter(s -> s.identifier() != null
                        && Integer.valueOf(0).equals(s.identifier().ordinal()))
                .findFirst();
    }

    private static boolean observes(ManifestStatus entry, long generation) {
        return entry.observedGeneration() == null || entry.observedGeneration() >= generation;
    }

    private static boolean allApplied(List<ManifestStatus> entries, int manifests, long generation) {
        if (manifests == 0) {
            return false;
        }
        boolean[] seen = new boolean[manifests];
        for (ManifestStatus entry : entries) {
            if (entry == null
                    || entry.identifier() == null
                    || entry.identifier().ordinal() == null) {
                continue;
            }
            int ordinal = entry.identifier().ordinal();
            if (ordinal >= 0
                    && ordinal < manifests
                    && Boolean.TRUE.equals(entry.applied())
                    && observes(entry, generation)) {
                seen[ordinal] = true;
            }
        }
        for (boolean s : seen) {
            if (!s) {
                return false;
            }
        }
        return true;
    }

    private static String describe(ManifestStatus entry) {
        String what = entry.identifier() == null
                ? "a manifest"
                : entry.identifier().kind() + " "
                        + (entry.identifier().namespace() == null
                                ? entry.identifier().name()
                                : entry.identifier().namespace() + "/"
                                        + entry.identifier().name());
        return what + ": " + (entry.reason() == null ? "" : entry.reason() + ": ")
                + (entry.message() == null ? "not applied" : entry.message());
    }
}
