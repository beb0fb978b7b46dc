package io.meridian.api.model.drill;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Min;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.SchemaMerge;
import io.meridian.api.model.meta.SchemaPatches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The progress, measurements and verdict of a drill. */
@ApiType
@SchemaCustomizer(value = SchemaMerge.class, input = SchemaPatches.CONDITIONS_LIST_MAP)
public record FailoverDrillStatus(
        @JsonPropertyDescription("Pending, Running, Restoring, Completed or Failed.")
        DrillPhase phase,

        @JsonPropertyDescription("When the fault was injected.")
        Instant startedAt,

        @JsonPropertyDescription("When the fault was removed and the target was back as before.")
        Instant restoredAt,

        @JsonPropertyDescription("The measured recovery time: seconds from the fault until every selected"
                + " workload was healthy elsewhere.")
        @Min(0)
        Double rtoSeconds,

        @JsonPropertyDescription("Passed or Failed, once the criteria are decided.")
        DrillVerdict verdict,

        @JsonPropertyDescription("The measured events, in order.")
        List<TimelineEvent> timeline,

        @JsonPropertyDescription("Ready: the drill is over and its verdict is final.")
        List<Condition> conditions,

        @JsonPropertyDescription("Why the drill failed to run or to restore, if it did.")
        String message) {

    public FailoverDrillStatus {
        message = ApiValues.text(message);
        timeline = ApiValues.list(timeline);
        conditions = ApiValues.list(conditions);
    }

    /** A drill that has not started. */
    public static FailoverDrillStatus pending() {
        return builder().phase(DrillPhase.PENDING).build();
    }

    /** The same status with {@code event} added to the end of the timeline. */
    public FailoverDrillStatus withEvent(TimelineEvent event) {
        List<TimelineEvent> events = new ArrayList<>(timeline);
        events.add(event);
        return toBuilder().timeline(events).build();
    }

    /** A builder, for tests and for the drill controller. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this status's values. */
    public Builder toBuilder() {
        return new Builder()
                .phase(phase)
                .startedAt(startedAt)
                .restoredAt(restoredAt)
                .rtoSeconds(rtoSeconds)
                .verdict(verdict)
                .timeline(timeline)
                .conditions(conditions)
                .message(message);
    }

    /** Builds a {@link FailoverDrillStatus}. */
    public static final class Builder {
        private DrillPhase phase;
        private Instant startedAt;
        private Instant restoredAt;
        private Double rtoSeconds;
        private DrillVerdict verdict;
        private List<TimelineEvent> timeline;
        private List<Condition> conditions;
        private String message;

        private Builder() {}

        public Builder phase(DrillPhase phase) {
            this.phase = phase;
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder restoredAt(Instant restoredAt) {
            this.restoredAt = restoredAt;
            return this;
        }

        public Builder rtoSeconds(Double rtoSeconds) {
            this.rtoSeconds = rtoSeconds;
            return this;
        }

        public Builder verdict(DrillVerdict verdict) {
            this.verdict = verdict;
            return this;
        }

        public Builder timeline(List<TimelineEvent> timeline) {
            this.timeline = timeline;
            return this;
        }

        public Builder conditions(List<Condition> conditions) {
            this.conditions = conditions;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public FailoverDrillStatus build() {
            return new FailoverDrillStatus(
                    phase, startedAt, restoredAt, rtoSeconds, verdict, timeline, conditions, message);
        }
    }
}
