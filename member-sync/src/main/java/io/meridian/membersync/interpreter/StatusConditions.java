package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.work.ResourceHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Reading conditions of member objects and merging them over clusters. */
final class StatusConditions {

    static final String TRUE = "True";
    static final String FALSE = "False";
    static final String UNKNOWN = "Unknown";

    /** Timestamps a condition may carry; each merged one is the latest among the clusters that agree. */
    private static final List<String> TIMES = List.of("lastTransitionTime", "lastUpdateTime", "lastProbeTime");

    private StatusConditions() {}

    /** The condition of {@code type} in {@code status.conditions} of an object or a snapshot. */
    static Optional<JsonNode> find(JsonNode statusOwner, String type) {
        return Trees.elements(statusOwner, "conditions").stream()
                .filter(c -> type.equals(c.path("type").asText()))
                .findFirst();
    }

    /** The status (True, False, Unknown) of the condition of {@code type}. */
    static Optional<String> statusOf(JsonNode statusOwner, String type) {
        return find(statusOwner, type).map(c -> c.path("status").asText(UNKNOWN));
    }

    static boolean isTrue(JsonNode statusOwner, String type) {
        return statusOf(statusOwner, type).filter(TRUE::equals).isPresent();
    }

    /**
     * Health read from the first of {@code types} that {@code status} has: True is healthy, False
     * unhealthy, anything else unknown.
     */
    static Optional<ResourceHealth> health(JsonNode status, String... types) {
        for (String type : types) {
            Optional<String> value = statusOf(status, type);
            if (value.isPresent()) {
                return Optional.of(
                        switch (value.get()) {
                            case TRUE -> ResourceHealth.HEALTHY;
                            case FALSE -> ResourceHealth.UNHEALTHY;
                            default -> ResourceHealth.UNKNOWN;
                        });
            }
        }
        return Optional.empty();
    }

    /** Every condition type the members report, merged; see {@link #merge(List, Predicate)}. */
    static ArrayNode merge(List<MemberStatus> members) {
        return merge(members, type -> true);
    }

    /**
     * Condition types that are True when something is wrong and usually absent otherwise: a cluster
     * without one of these has nothing wrong, rather than nothing known.
     */
    private static final Set<String> ABNORMAL_WHEN_TRUE =
            Set.of("ReplicaFailure", "Failed", "FailureTarget", "Degraded", "Stalled", "DisruptionTarget");

    /**
     * One condition per type that any member reports (and {@code include} accepts), in the order the
     * types first appear.
     *
     * <p>Most conditions say that something works (Available, Ready, Progressing): the merged one is
     * False when any cluster says False, True when every cluster says True, and Unknown otherwise,
     * a cluster without the condition counting as Unknown; so Available is True only when it is True
     * everywhere. Conditions that say something is wrong (ReplicaFailure, Failed, Degraded,
     * Stalled...) are True when any cluster says True, Unknown when any says Unknown, and False
     * otherwise, a cluster without one counting as False.
     *
     * <p>Reason, message and times come from the clusters that agree with the merged status; the
     * message names the clusters unless every cluster says the same; each time is the latest of
     * theirs.
     */
    static ArrayNode merge(List<MemberStatus> members, Predicate<String> include) {
        Set<String> types = new LinkedHashSet<>();
        for (MemberStatus member : members) {
            for (JsonNode condition : Trees.elements(member.view(), "conditions")) {
                String type = condition.path("type").asText("");
                if (!type.isEmpty() && include.test(type)) {
                    types.add(type);
                }
            }
        }
        ArrayNode merged = Trees.NODES.arrayNode();
        for (String type : types) {
            merged.add(mergeType(members, type));
        }
        return merged;
    }

    private record Report(String cluster, JsonNode condition, String status) {}

    private static ObjectNode mergeType(List<MemberStatus> members, String type) {
        boolean abnormal = ABNORMAL_WHEN_TRUE.contains(type);
        List<Report> reports = members.stream()
                .map(m -> {
                    JsonNode condition = find(m.view(), type).orElse(null);
                    String status;
                    if (condition == null) {
                        status = abnormal ? FALSE : UNKNOWN;
                    } else {
                        String value = condition.path("status").asText();
                        status = value.equals(TRUE) || value.equals(FALSE) ? value : UNKNOWN;
                    }
                    return new Report(m.cluster(), condition, status);
                })
                .toList();
        String status;
        if (abnormal) {
            status = anyIs(reports, TRUE) ? TRUE : anyIs(reports, UNKNOWN) ? UNKNOWN : FALSE;
        } else {
            status = anyIs(reports, FALSE)
                    ? FALSE
                    : reports.stream().allMatch(r -> r.status().equals(TRUE)) ? TRUE : UNKNOWN;
        }
        List<Report> agreeing =
                reports.stream().filter(r -> r.status().equals(status)).toList();

        ObjectNode condition = Trees.NODES.objectNode();
        condition.put("type", type);
        condition.put("status", status);
        for (String time : TIMES) {
            latest(agreeing, time).ifPresent(value -> condition.put(time, value));
        }
        boolean unreported = status.equals(UNKNOWN) && agreeing.stream().anyMatch(r -> r.condition() == null);
        agreeing.stream()
                .filter(r -> r.condition() != null)
                .map(r -> Trees.text(r.condition(), "reason"))
                .flatMap(Optional::stream)
                .findFirst()
                .or(() -> unreported ? Optional.of(ConditionReasons.STATUS_UNKNOWN) : Optional.empty())
                .ifPresent(reason -> condition.put("reason", reason));
        message(agreeing, reports.size()).ifPresent(message -> condition.put("message", message));
        return condition;
    }

    private static boolean anyIs(List<Report> reports, String status) {
        return reports.stream().anyMatch(r -> r.status().equals(status));
    }

    private static Optional<String> latest(List<Report> reports, String field) {
        String latestText = null;
        Instant latest = null;
        for (Report report : reports) {
            if (report.condition() == null) {
                continue;
            }
            Optional<Instant> time = Trees.time(report.condition(), field);
            if (time.isPresent() && (latest == null || time.get().isAfter(latest))) {
                latest = time.get();
                latestText = report.condition().get(field).asText();
            }
        }
        return Optional.ofNullable(latestText);
    }

    private static Optional<String> message(List<Report> agreeing, int clusters) {
        List<String> parts = new ArrayList<>();
        Set<String> distinct = new LinkedHashSet<>();
        boolean missing = false;
        for (Report report : agreeing) {
            if (report.condition() == null) {
                // An absent condition is news only when it leaves the merged one Unknown.
                if (report.status().equals(UNKNOWN)) {
                    missing = true;
                    parts.add(report.cluster() + ": not reported");
                }
                continue;
            }
            Optional<String> message = Trees.text(report.condition(), "message");
            if (message.isPresent()) {
                distinct.add(message.get());
                parts.add(report.cluster() + ": " + message.get());
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        // The same message from every cluster says nothing more with cluster names in front.
        if (!missing && distinct.size() == 1 && parts.size() == clusters) {
            return Optional.of(distinct.iterator().next());
        }
        return Optional.of(String.join("; ", parts));
    }
}
