package io.meridian.api.model.dns;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import java.time.Instant;
import java.util.List;

/** What one DNS provider holds for the record. */
@ApiType
public record ProviderStatus(
        @JsonPropertyDescription("The provider, as configured in dns-publisher, such as embedded or rfc2136.") @Required
        String name,

        @JsonPropertyDescription("The record sets the provider accepted last.")
        List<DnsEndpoint> endpoints,

        @JsonPropertyDescription("When the provider last accepted an update.")
        Instant lastPublishedTime,

        @JsonPropertyDescription("The last error from the provider, if the last update failed.")
        String message) {

    public ProviderStatus {
        message = ApiValues.text(message);
        endpoints = ApiValues.list(endpoints);
    }
}
