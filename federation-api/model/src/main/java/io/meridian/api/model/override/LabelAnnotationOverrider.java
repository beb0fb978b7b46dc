package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import java.util.Map;

/** Adds, removes or replaces labels or annotations of the object itself. */
@ApiType
public record LabelAnnotationOverrider(
        @JsonPropertyDescription("add: set these keys, replace: set these keys only where they exist, remove:"
                + " delete these keys (the values are ignored).")
        @Required
        OverriderOperator operator,

        @JsonPropertyDescription("The keys and values.") Map<String, String> value) {

    public LabelAnnotationOverrider {
        value = ApiValues.map(value);
    }
}
