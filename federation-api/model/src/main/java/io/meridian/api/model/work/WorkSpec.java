package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.policy.ApplyStrategy;
import io.meridian.api.model.policy.ConflictResolution;

/** What to apply to one member cluster, and how. */
@ApiType
public record WorkSpec(
        @JsonPropertyDescription("The objects to apply.") @Required
        WorkloadTemplate workload,

        @JsonPropertyDescription("Stop applying changes to the member; what is there stays as it is.")
        Boolean suspendDispatching,

        @JsonPropertyDescription("ServerSideApply (when absent) or Update.")
        ApplyStrategy applyStrategy,

        @JsonPropertyDescription(
                "Abort (when absent) or Overwrite: what to do with member objects Meridian does not manage yet.")
        ConflictResolution conflictResolution) {

    /** Applies {@code workload} with the default strategy and conflict resolution. */
    public static WorkSpec of(WorkloadTemplate workload) {
        return new WorkSpec(workload, null, null, null);
    }

    /** {@code applyStrategy}, or ServerSideApply. */
    public ApplyStrategy effectiveApplyStrategy() {
        return applyStrategy == null ? ApplyStrategy.SERVER_SIDE_APPLY : applyStrategy;
    }

    /** {@code conflictResolution}, or Abort. */
    public ConflictResolution effectiveConflictResolution() {
        return conflictResolution == null ? ConflictResolution.ABORT : conflictResolution;
    }

    /** Whether dispatching is suspended. */
    public boolean suspended() {
        return Boolean.TRUE.equals(suspendDispatching);
    }
}
