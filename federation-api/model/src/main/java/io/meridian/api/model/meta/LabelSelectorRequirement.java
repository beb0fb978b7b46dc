package io.meridian.api.model.meta;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** One expression of a {@link LabelSelector}. */
@ApiType
@ValidationRule(
        value = "self.operator in ['In', 'NotIn'] ? (has(self.values) && size(self.values) > 0)"
                + " : (!has(self.values) || size(self.values) == 0)",
        message = "values must be non-empty for In and NotIn, and empty for Exists and DoesNotExist")
public record LabelSelectorRequirement(
        @JsonPropertyDescription("The label key that the selector applies to.") @Required
        String key,

        @JsonPropertyDescription("The key's relationship to the values: In, NotIn, Exists or DoesNotExist.") @Required
        LabelSelectorOperator operator,

        @JsonPropertyDescription("The values to compare with; non-empty for In and NotIn, empty otherwise.")
        List<String> values) {

    public LabelSelectorRequirement {
        values = ApiValues.list(values);
    }

    /**
     * Whether {@code labels} satisfy this requirement; NotIn also matches when the key is absent.
     */
    public boolean matches(Map<String, String> labels) {
        if (operator == null) {
            return false;
        }
        String value = labels == null || key == null ? null : labels.get(key);
        boolean present = value != null;
        return switch (operator) {
            case IN -> present && values.contains(value);
            case NOT_IN -> !present || !values.contains(value);
            case EXISTS -> present;
            case DOES_NOT_EXIST -> !present;
        };
    }
}
