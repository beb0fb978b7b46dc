package io.meridian.api.model.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;

/** One resource a member cluster serves. */
@ApiType
public record ApiResource(
        @JsonPropertyDescription("The plural resource name, such as deployments.") @Required
        String name,

        @JsonPropertyDescription("The kind, such as Deployment.") @Required
        String kind) {}
