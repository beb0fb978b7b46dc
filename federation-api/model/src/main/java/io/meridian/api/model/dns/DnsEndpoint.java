package io.meridian.api.model.dns;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import java.util.List;

/** One record set as published to a provider. */
@ApiType
public record DnsEndpoint(
        @JsonPropertyDescription("The name of the record set.") @Required
        String dnsName,

        @JsonPropertyDescription("A, AAAA or CNAME.") @Required
        RecordType recordType,

        @JsonPropertyDescription("The addresses or host name the record set holds.")
        List<String> targets,

        @JsonPropertyDescription("The TTL in seconds.") @Min(0)
        Integer ttl,

        @JsonPropertyDescription("Tells apart record sets of one name at providers with weighted or failover"
                + " routing; usually the region.")
        String setIdentifier,

        @JsonPropertyDescription("The region the targets are in.")
        String region,

        @JsonPropertyDescription("The weight, for the Weighted strategy.") @Min(0)
        Integer weight) {

    public DnsEndpoint {
        setIdentifier = ApiValues.text(setIdentifier);
        region = ApiValues.text(region);
        targets = ApiValues.list(targets);
    }
}
