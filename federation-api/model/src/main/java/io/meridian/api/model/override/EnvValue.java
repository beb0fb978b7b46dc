package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;

/** An environment variable with a literal value. */
@ApiType
public record EnvValue(
        @JsonPropertyDescription("The variable's name.") @Required
        String name,

        @JsonPropertyDescription("The variable's value; ignored by remove.")
        String value) {

    public EnvValue {
        value = ApiValues.text(value);
    }
}
