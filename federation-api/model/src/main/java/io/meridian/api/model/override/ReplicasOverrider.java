package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;

/** Sets the replica count in the target clusters, whatever the scheduler decided. */
@ApiType
public record ReplicasOverrider(
        @JsonPropertyDescription("The replica count.") @Required @Min(0)
        Integer replicas) {}
