package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The part of a container image reference that an image overrider changes. */
public enum ImageComponent {
    /** The registry host, such as registry.example.com:5000. */
    @JsonProperty("Registry")
    REGISTRY,
    /** The repository path, such as library/nginx. */
    @JsonProperty("Repository")
    REPOSITORY,
    /** The tag, such as 1.27. */
    @JsonProperty("Tag")
    TAG
}
