package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import java.util.List;

/**
 * The spec of a PropagationPolicy or ClusterPropagationPolicy: which objects to federate, where to,
 * and how member clusters receive them.
 */
@ApiType
public record PropagationSpec(
        @JsonPropertyDescription("The objects this policy federates; an object matching any selector is selected.")
        @Required
        @Size(min = 1)
        List<ResourceSelector> resourceSelectors,

        @JsonPropertyDescription(
                "Where the objects go and how their replicas divide; absent means every cluster, duplicated.")
        Placement placement,

        @JsonPropertyDescription("When and how workloads leave failed clusters; absent means the defaults.")
        FailoverBehavior failover,

        @JsonPropertyDescription("Abort (the default): an object that already exists in a member and is not"
                + " Meridian's is left alone and reported. Overwrite: Meridian takes it over.")
        @Default("Abort")
        ConflictResolution conflictResolution,

        @JsonPropertyDescription("ServerSideApply (the default) or Update: how member clusters are written.")
        @Default("ServerSideApply")
        ApplyStrategy applyStrategy,

        @JsonPropertyDescription("Also propagate what the objects depend on (ConfigMaps, Secrets,"
                + " ServiceAccounts, PersistentVolumeClaims they reference) to the same clusters. Defaults"
                + " to true.")
        @Default("true")
        Boolean propagateDeps,

        @JsonPropertyDescription("When several policies select one object, the highest priority wins. Defaults to 0.")
        @Default("0")
        Integer priority,

        @JsonPropertyDescription("Stop dispatching changes to member clusters; what is there stays as it is.")
        Boolean suspend) {

    public PropagationSpec {
        resourceSelectors = ApiValues.list(resourceSelectors);
    }

    /** {@code failover}, or the defaults when absent. */
    public FailoverBehavior effectiveFailover() {
        return failover == null ? FailoverBehavior.DEFAULTS : failover;
    }

    /** {@code conflictResolution}, or Abort. */
    public ConflictResolution effectiveConflictResolution() {
        return conflictResolution == null ? ConflictResolution.ABORT : conflictResolution;
    }

    /** {@code applyStrategy}, or ServerSideApply. */
    public ApplyStrategy effectiveApplyStrategy() {
        return applyStrategy == null ? ApplyStrategy.SERVER_SIDE_APPLY : applyStrategy;
    }

    /** {@code propagateDeps}, or true. */
    public boolean effectivePropagateDeps() {
        return propagateDeps == null || propagateDeps;
    }

    /** {@code priority}, or 0. */
    public int effectivePriority() {
        return priority == null ? 0 : priority;
    }

    /** Whether dispatching is suspended. */
    public boolean suspended() {
        return Boolean.TRUE.equals(suspend);
    }

    /** A builder, for tests and tools. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return new Builder()
                .resourceSelectors(resourceSelectors)
                .placement(placement)
                .failover(failover)
                .conflictResolution(conflictResolution)
                .applyStrategy(applyStrategy)
                .propagateDeps(propagateDeps)
                .priority(priority)
                .suspend(suspend);
    }

    /** Builds a {@link PropagationSpec}. */
    public static final class Builder {
        private List<ResourceSelector> resourceSelectors;
        private Placement placement;
        private FailoverBehavior failover;
        private ConflictResolution conflictResolution;
        private ApplyStrategy applyStrategy;
        private Boolean propagateDeps;
        private Integer priority;
        private Boolean suspend;

        private Builder() {}

        public Builder resourceSelectors(List<ResourceSelector> resourceSelectors) {
            this.resourceSelectors = resourceSelectors;
            return this;
        }

        public Builder resourceSelectors(ResourceSelector... resourceSelectors) {
            return resourceSelectors(List.of(resourceSelectors));
        }

        public Builder placement(Placement placement) {
            this.placement = placement;
            return this;
        }

        public Builder failover(FailoverBehavior failover) {
            this.failover = failover;
            return this;
        }

        public Builder conflictResolution(ConflictResolution conflictResolution) {
            this.conflictResolution = conflictResolution;
            return this;
        }

        public Builder applyStrategy(ApplyStrategy applyStrategy) {
            this.applyStrategy = applyStrategy;
            return this;
        }

        public Builder propagateDeps(Boolean propagateDeps) {
            this.propagateDeps = propagateDeps;
            return this;
        }

        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        public Builder suspend(Boolean suspend) {
            this.suspend = suspend;
            return this;
        }

        public PropagationSpec build() {
            return new PropagationSpec(
                    resourceSelectors,
                    placement,
                    failover,
                    conflictResolution,
                    applyStrategy,
                    propagateDeps,
                    priority,
                    suspend);
        }
    }
}
