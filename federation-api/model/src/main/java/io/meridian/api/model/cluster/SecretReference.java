package io.meridian.api.model.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.Patterns;

/** A Secret in the federation API, named by namespace and name. */
@ApiType
public record SecretReference(
        @JsonPropertyDescription("The namespace of the Secret.") @Required @Pattern(Patterns.DNS_LABEL)
        String namespace,

        @JsonPropertyDescription("The name of the Secret.") @Required @Pattern(Patterns.DNS_SUBDOMAIN)
        String name) {}
