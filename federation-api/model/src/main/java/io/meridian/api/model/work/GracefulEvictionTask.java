package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Patterns;
import io.meridian.api.model.policy.PurgeMode;
import java.time.Instant;

/**
 * A copy of the workload that is leaving a cluster but is kept there until its replacement is
 * healthy elsewhere, or until the grace period ends.
 *
 * <p>The failover controller removes the cluster from {@code spec.clusters} and adds a task; the
 * scheduler picks a substitute; the eviction controller deletes the old copy and the task once the
 * substitute is healthy or time is up.
 */
@ApiType
public record GracefulEvictionTask(
        @JsonPropertyDescription("The cluster the workload is leaving.") @Required
        String fromCluster,

        @JsonPropertyDescription("The replicas the workload had there.") @Min(0)
        Integer replicas,

        @JsonPropertyDescription("Why, in CamelCase, such as ClusterNotReady or Drill.")
        @Required
        @Pattern(Patterns.REASON)
        @Size(max = 64)
        String reason,

        @JsonPropertyDescription("Details for humans.") @Size(max = 1024)
        String message,

        @JsonPropertyDescription("The component that created the task, such as failover-controller.") @Required
        String producer,

        @JsonPropertyDescription("Graceful or Immediate, copied from the policy.")
        PurgeMode purgeMode,

        @JsonPropertyDescription("The longest the old copy is kept.") @Min(1)
        Long gracePeriodSeconds,

        @JsonPropertyDescription("Keep the old copy until someone removes the task by hand.")
        Boolean suppressDeletion,

        @JsonPropertyDescription("When the task was created; the grace period counts from here.")
        Instant creationTimestamp) {

    public GracefulEvictionTask {
        message = ApiValues.text(message);
    }
}
