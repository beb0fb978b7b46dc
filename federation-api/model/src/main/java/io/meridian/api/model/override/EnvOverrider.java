package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import java.util.List;

/** Sets or removes environment variables of one container. */
@ApiType
public record EnvOverrider(
        @JsonPropertyDescription("The name of the container.") @Required
        String containerName,

        @JsonPropertyDescription("add: set the variables, appending those not yet there; replace: set only"
                + " those already there; remove: delete the variables of these names.")
        @Required
        OverriderOperator operator,

        @JsonPropertyDescription("The variables.") List<EnvValue> value) {

    public EnvOverrider {
        value = ApiValues.list(value);
    }
}
