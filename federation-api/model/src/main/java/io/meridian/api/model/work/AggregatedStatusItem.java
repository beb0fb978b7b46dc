package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;

/** The state of the propagated object in one member cluster. */
@ApiType
public record AggregatedStatusItem(
        @JsonPropertyDescription("The member cluster.") @Required
        String clusterName,

        @JsonPropertyDescription("Whether the object was applied to the cluster.")
        Boolean applied,

        @JsonPropertyDescription("Why applying failed, when it did.")
        String appliedMessage,

        @JsonPropertyDescription("Healthy, Unhealthy or Unknown.")
        ResourceHealth health,

        @JsonPropertyDescription("The status the object reports in the member cluster, as reflected by its"
                + " resource interpreter: any JSON object.")
        ObjectNode status) {

    public AggregatedStatusItem {
        appliedMessage = ApiValues.text(appliedMessage);
    }
}
