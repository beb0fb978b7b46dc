package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;

/**
 * Rewrites one part of container images, for example to pull from a registry inside each region.
 * Without a predicate it applies to every container and init container image of Pods and of the
 * workload kinds with a pod template.
 */
@ApiType
public record ImageOverrider(
        @JsonPropertyDescription("The one image field to change; absent means every container image.")
        ImagePredicate predicate,

        @JsonPropertyDescription("The part of the image to change: Registry, Repository or Tag.") @Required
        ImageComponent component,

        @JsonPropertyDescription("add: append the value to the part (a registry suffix, for example); remove:"
                + " clear the part; replace: set the part to the value.")
        @Required
        OverriderOperator operator,

        @JsonPropertyDescription("The value for add and replace.")
        String value) {

    public ImageOverrider {
        value = ApiValues.text(value);
    }
}
