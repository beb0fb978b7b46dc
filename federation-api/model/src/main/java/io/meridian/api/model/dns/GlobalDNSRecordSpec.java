package io.meridian.api.model.dns;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Patterns;
import java.util.List;

/** A global host name and how it answers from the healthy endpoints of its targets. */
@ApiType
@ValidationRule(
        value = "!has(self.strategy) || self.strategy != 'Failover' || (has(self.regions) && size(self.regions) > 0)",
        message = "the Failover strategy needs regions in order of preference")
@ValidationRule(
        value = "!has(self.strategy) || self.strategy != 'Weighted' || (has(self.weights) && size(self.weights) > 0)",
        message = "the Weighted strategy needs weights")
public record GlobalDNSRecordSpec(
        @JsonPropertyDescription("The fully qualified name to publish, such as web.fed.example.")
        @Required
        @Pattern(Patterns.HOSTNAME)
        @Size(max = 253)
        String hostname,

        @JsonPropertyDescription("The TTL of the records in seconds; short, so that clients follow a"
                + " failover quickly. Defaults to 30.")
        @Min(1)
        @Max(86400)
        @Default("30")
        Integer ttl,

        @JsonPropertyDescription("Failover, RoundRobin (the default) or Weighted.") @Default("RoundRobin")
        DnsStrategy strategy,

        @JsonPropertyDescription("For Failover: regions in order of preference; the name answers with the first"
                + " one that has a healthy endpoint.")
        List<String> regions,

        @JsonPropertyDescription("For Weighted: the weight of each region; regions not listed weigh 0.")
        List<RegionWeight> weights,

        @JsonPropertyDescription("The federated Services or Ingresses whose endpoints the name follows.")
        @Required
        @Size(min = 1)
        List<DnsTarget> targets) {

    public GlobalDNSRecordSpec {
        regions = ApiValues.list(regions);
        weights = ApiValues.list(weights);
        targets = ApiValues.list(targets);
    }

    public static final int DEFAULT_TTL = 30;

    /** {@code ttl}, or 30. */
    public int effectiveTtl() {
        return ttl == null ? DEFAULT_TTL : ttl;
    }

    /** {@code strategy}, or RoundRobin. */
    public DnsStrategy effectiveStrategy() {
        return strategy == null ? DnsStrategy.ROUND_ROBIN : strategy;
    }

    /** A round-robin name over {@code targets}. */
    public static GlobalDNSRecordSpec roundRobin(String hostname, DnsTarget... targets) {
        return new GlobalDNSRecordSpec(hostname, null, DnsStrategy.ROUND_ROBIN, null, null, List.of(targets));
    }

    /** A failover name over {@code targets}, preferring {@code regions} in order. */
    public static GlobalDNSRecordSpec failover(String hostname, List<String> regions, DnsTarget... targets) {
        return new GlobalDNSRecordSpec(hostname, null, DnsStrategy.FAILOVER, regions, null, List.of(targets));
    }
}
