package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.Patterns;

/** One JSON patch (RFC 6902) operation applied to the object for the target clusters. */
@ApiType
@ValidationRule(value = "self.op == 'remove' || has(self.value)", message = "add and replace need a value")
public record JsonPatch(
        @JsonPropertyDescription("The operation: add, remove or replace.") @Required
        PatchOperation op,

        @JsonPropertyDescription(
                "A JSON pointer (RFC 6901) to the field, such as /spec/replicas or /metadata/labels/tier.")
        @Required
        @Pattern(Patterns.JSON_POINTER)
        String path,

        @JsonPropertyDescription("The value for add and replace: any JSON value.")
        JsonNode value) {}
