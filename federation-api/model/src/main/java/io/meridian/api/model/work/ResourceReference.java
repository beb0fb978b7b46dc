package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;

/** The federated object a binding propagates. */
@ApiType
public record ResourceReference(
        @JsonPropertyDescription("The apiVersion of the object, such as apps/v1.") @Required
        String apiVersion,

        @JsonPropertyDescription("The kind of the object, such as Deployment.") @Required
        String kind,

        @JsonPropertyDescription("The namespace of the object; empty for a cluster-scoped object.")
        String namespace,

        @JsonPropertyDescription("The name of the object.") @Required
        String name,

        @JsonPropertyDescription(
                "The UID of the object, so that a new object of the same name is not mistaken for the old one.")
        String uid,

        @JsonPropertyDescription("The resourceVersion of the object when the binding was last updated from it.")
        String resourceVersion) {

    public ResourceReference {
        namespace = ApiValues.text(namespace);
        uid = ApiValues.text(uid);
        resourceVersion = ApiValues.text(resourceVersion);
    }

    /** A reference to {@code object}, with its uid and resourceVersion. */
    public static ResourceReference to(HasMetadata object) {
        return new ResourceReference(
                object.getApiVersion(),
                object.getKind(),
                object.getMetadata().getNamespace(),
                object.getMetadata().getName(),
                object.getMetadata().getUid(),
                object.getMetadata().getResourceVersion());
    }
}
