package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import java.util.List;

/** Appends to or removes from the command or the args of one container. */
@ApiType
@ValidationRule(value = "self.operator != 'replace'", message = "command and args overriders take add or remove")
public record CommandArgsOverrider(
        @JsonPropertyDescription("The name of the container.") @Required
        String containerName,

        @JsonPropertyDescription("add: append the values; remove: delete every occurrence of the values.") @Required
        OverriderOperator operator,

        @JsonPropertyDescription("The values.") List<String> value) {

    public CommandArgsOverrider {
        value = ApiValues.list(value);
    }
}
