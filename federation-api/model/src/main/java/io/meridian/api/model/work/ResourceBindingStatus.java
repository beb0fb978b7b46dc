package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Min;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.SchemaMerge;
import io.meridian.api.model.meta.SchemaPatches;
import java.time.Instant;
import java.util.List;

/** How scheduling went and how the object fares in each member cluster. */
@ApiType
@SchemaCustomizer(value = SchemaMerge.class, input = SchemaPatches.BINDING_STATUS_LIST_MAPS)
public record ResourceBindingStatus(
        @JsonPropertyDescription(
                "Scheduled: clusters were chosen. FullyApplied: every chosen cluster applied the object.")
        List<Condition> conditions,

        @JsonPropertyDescription("The .metadata.generation the scheduler last acted on; older than the"
                + " generation means scheduling is pending.")
        @Min(0)
        Long schedulerObservedGeneration,

        @JsonPropertyDescription("When the scheduler last succeeded.")
        Instant lastScheduledTime,

        @JsonPropertyDescription("The object's state in each member cluster, one entry per cluster.")
        List<AggregatedStatusItem> aggregatedStatus) {

    public ResourceBindingStatus {
        conditions = ApiValues.list(conditions);
        aggregatedStatus = ApiValues.list(aggregatedStatus);
    }

    /** The same status with other conditions. */
    public ResourceBindingStatus withConditions(List<Condition> newConditions) {
        return new ResourceBindingStatus(
                newConditions, schedulerObservedGeneration, lastScheduledTime, aggregatedStatus);
    }

    /** The same status with another per-cluster breakdown. */
    public ResourceBindingStatus withAggregatedStatus(List<AggregatedStatusItem> items) {
        return new ResourceBindingStatus(conditions, schedulerObservedGeneration, lastScheduledTime, items);
    }

    /** The same status recording a successful scheduling of {@code generation} at {@code time}. */
    public ResourceBindingStatus withScheduled(Long generation, Instant time) {
        return new ResourceBindingStatus(conditions, generation, time, aggregatedStatus);
    }
}
