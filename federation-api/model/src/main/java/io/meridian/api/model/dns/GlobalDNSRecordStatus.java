package io.meridian.api.model.dns;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Min;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.SchemaMerge;
import io.meridian.api.model.meta.SchemaPatches;
import java.util.List;

/** What is published, and where. */
@ApiType
@SchemaCustomizer(value = SchemaMerge.class, input = SchemaPatches.CONDITIONS_LIST_MAP)
public record GlobalDNSRecordStatus(
        @JsonPropertyDescription("Published: every provider holds the current records.")
        List<Condition> conditions,

        @JsonPropertyDescription("The .metadata.generation last published.") @Min(0)
        Long observedGeneration,

        @JsonPropertyDescription("The records each provider holds.")
        List<ProviderStatus> providers) {

    public GlobalDNSRecordStatus {
        conditions = ApiValues.list(conditions);
        providers = ApiValues.list(providers);
    }
}
