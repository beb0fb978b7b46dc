package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;

/** The policy a binding was made from. */
@ApiType
public record PolicyReference(
        @JsonPropertyDescription("PropagationPolicy or ClusterPropagationPolicy.") @Required
        PolicyKind kind,

        @JsonPropertyDescription("The namespace of a PropagationPolicy; empty for a ClusterPropagationPolicy.")
        String namespace,

        @JsonPropertyDescription("The name of the policy.") @Required
        String name,

        @JsonPropertyDescription("The UID of the policy.") String uid) {

    public PolicyReference {
        namespace = ApiValues.text(namespace);
        uid = ApiValues.text(uid);
    }
}
