package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;

/** Which manifest of a Work a status entry is about. */
@ApiType
public record ResourceIdentifier(
        @JsonPropertyDescription("The index of the manifest in spec.workload.manifests, so that even a manifest"
                + " that could not be parsed can be reported.")
        @Required
        @Min(0)
        Integer ordinal,

        @JsonPropertyDescription("The API group; absent for the core group.")
        String group,

        @JsonPropertyDescription("The API version, such as v1.") @Required
        String version,

        @JsonPropertyDescription("The kind, such as Deployment.") @Required
        String kind,

        @JsonPropertyDescription("The plural resource name, such as deployments.")
        String resource,

        @JsonPropertyDescription("The namespace; absent for a cluster-scoped object.")
        String namespace,

        @JsonPropertyDescription("The name.") @Required String name) {

    public ResourceIdentifier {
        group = ApiValues.text(group);
        resource = ApiValues.text(resource);
        namespace = ApiValues.text(namespace);
    }
}
