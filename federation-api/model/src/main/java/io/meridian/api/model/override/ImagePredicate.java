package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.Patterns;

/** Chooses the one image field an image overrider changes. */
@ApiType
public record ImagePredicate(
        @JsonPropertyDescription("A JSON pointer to the image field, such as /spec/template/spec/containers/0/image.")
        @Required
        @Pattern(Patterns.JSON_POINTER)
        String path) {}
