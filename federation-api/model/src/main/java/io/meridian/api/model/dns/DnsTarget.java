package io.meridian.api.model.dns;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Patterns;

/** A federated Service or Ingress whose per-cluster endpoints the name follows. */
@ApiType
public record DnsTarget(
        @JsonPropertyDescription("Service or Ingress.") @Required
        DnsTargetKind kind,

        @JsonPropertyDescription("The name of the federated object.") @Required @Pattern(Patterns.DNS_SUBDOMAIN)
        String name,

        @JsonPropertyDescription("Its namespace; absent means the record's own namespace.") @Pattern(Patterns.DNS_LABEL)
        String namespace) {

    public DnsTarget {
        namespace = ApiValues.text(namespace);
    }

    /** The Service {@code name} in the record's namespace. */
    public static DnsTarget service(String name) {
        return new DnsTarget(DnsTargetKind.SERVICE, name, null);
    }
}
