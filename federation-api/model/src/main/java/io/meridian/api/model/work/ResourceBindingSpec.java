package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.SchemaMerge;
import io.meridian.api.model.meta.SchemaPatches;
import io.meridian.api.model.policy.ApplyStrategy;
import io.meridian.api.model.policy.ConflictResolution;
import io.meridian.api.model.policy.FailoverBehavior;
import io.meridian.api.model.policy.Placement;
import java.util.List;

/**
 * What to propagate, under which policy, and where the scheduler put it. The policy's settings are
 * copied here, so that every later step works from the binding alone and a policy change shows up
 * as a binding change.
 */
@ApiType
@SchemaCustomizer(value = SchemaMerge.class, input = SchemaPatches.CLUSTERS_LIST_MAP)
public record ResourceBindingSpec(
        @JsonPropertyDescription("The federated object.") @Required
        ResourceReference resource,

        @JsonPropertyDescription("The object's desired replica count, as read by its resource interpreter;"
                + " absent for objects without replicas.")
        @Min(0)
        Integer replicas,

        @JsonPropertyDescription("The policy the object matched.")
        PolicyReference policy,

        @JsonPropertyDescription("The policy's placement.") Placement placement,

        @JsonPropertyDescription(
                "The scheduling result: the chosen clusters and their replicas. Written by the scheduler.")
        List<TargetCluster> clusters,

        @JsonPropertyDescription("The policy's conflict resolution.")
        ConflictResolution conflictResolution,

        @JsonPropertyDescription("The policy's apply strategy.")
        ApplyStrategy applyStrategy,

        @JsonPropertyDescription("The policy's failover behavior.")
        FailoverBehavior failover,

        @JsonPropertyDescription("Whether the object's dependencies are propagated with it.")
        Boolean propagateDeps,

        @JsonPropertyDescription("Whether dispatching to member clusters is suspended.")
        Boolean suspend,

        @JsonPropertyDescription("Copies of the workload leaving clusters, kept until their replacements are healthy.")
        List<GracefulEvictionTask> gracefulEvictionTasks) {

    public ResourceBindingSpec {
        clusters = ApiValues.list(clusters);
        gracefulEvictionTasks = ApiValues.list(gracefulEvictionTasks);
    }

    /** The same spec with another scheduling result. */
    public ResourceBindingSpec withClusters(List<TargetCluster> newClusters) {
        return toBuilder().clusters(newClusters).build();
    }

    /** The same spec with other eviction tasks. */
    public ResourceBindingSpec withGracefulEvictionTasks(List<GracefulEvictionTask> tasks) {
        return toBuilder().gracefulEvictionTasks(tasks).build();
    }

    /** A builder, for tests and controllers. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return new Builder()
                .resource(resource)
                .replicas(replicas)
                .policy(policy)
                .placement(placement)
                .clusters(clusters)
                .conflictResolution(conflictResolution)
                .applyStrategy(applyStrategy)
                .failover(failover)
                .propagateDeps(propagateDeps)
                .suspend(suspend)
                .gracefulEvictionTasks(gracefulEvictionTasks);
    }

    /** Builds a {@link ResourceBindingSpec}. */
    public static final class Builder {
        private ResourceReference resource;
        private Integer replicas;
        private PolicyReference policy;
        private Placement placement;
        private List<TargetCluster> clusters;
        private ConflictResolution conflictResolution;
        private ApplyStrategy applyStrategy;
        private FailoverBehavior failover;
        private Boolean propagateDeps;
        private Boolean suspend;
        private List<GracefulEvictionTask> gracefulEvictionTasks;

        private Builder() {}

        public Builder resource(ResourceReference resource) {
            this.resource = resource;
            return this;
        }

        public Builder replicas(Integer replicas) {
            this.replicas = replicas;
            return this;
        }

        public Builder policy(PolicyReference policy) {
            this.policy = policy;
            return this;
        }

        public Builder placement(Placement placement) {
            this.placement = placement;
            return this;
        }

        public Builder clusters(List<TargetCluster> clusters) {
            this.clusters = clusters;
            return this;
        }

        public Builder clusters(TargetCluster... clusters) {
            return clusters(List.of(clusters));
        }

        public Builder conflictResolution(ConflictResolution conflictResolution) {
            this.conflictResolution = conflictResolution;
            return this;
        }

        public Builder applyStrategy(ApplyStrategy applyStrategy) {
            this.applyStrategy = applyStrategy;
            return this;
        }

        public Builder failover(FailoverBehavior failover) {
            this.failover = failover;
            return this;
        }

        public Builder propagateDeps(Boolean propagateDeps) {
            this.propagateDeps = propagateDeps;
            return this;
        }

        public Builder suspend(Boolean suspend) {
            this.suspend = suspend;
            return this;
        }

        public Builder gracefulEvictionTasks(List<GracefulEvictionTask> gracefulEvictionTasks) {
            this.gracefulEvictionTasks = gracefulEvictionTasks;
            return this;
        }

        public ResourceBindingSpec build() {
            return new ResourceBindingSpec(
                    resource,
                    replicas,
                    policy,
                    placement,
                    clusters,
                    conflictResolution,
                    applyStrategy,
                    failover,
                    propagateDeps,
                    suspend,
                    gracefulEvictionTasks);
        }
    }
}
