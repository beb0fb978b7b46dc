package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Patterns;

/** The state of one manifest of a Work in the member cluster. */
@ApiType
public record ManifestStatus(
        @JsonPropertyDescription("Which manifest.") @Required
        ResourceIdentifier identifier,

        @JsonPropertyDescription("Whether the manifest was applied as it is now.")
        Boolean applied,

        @JsonPropertyDescription("Why applying failed, in CamelCase: Conflict when the object exists and is not"
                + " Meridian's, ApplyFailed otherwise.")
        @Pattern(Patterns.REASON)
        String reason,

        @JsonPropertyDescription("The conflict or error, for humans.")
        String message,

        @JsonPropertyDescription("Healthy, Unhealthy or Unknown.")
        ResourceHealth health,

        @JsonPropertyDescription("The status the object reports in the member cluster, as reflected by its"
                + " resource interpreter: any JSON object.")
        ObjectNode status,

        @JsonPropertyDescription("The .metadata.generation of the Work this entry reflects; an entry older than"
                + " the Work describes a previous version of the manifest.")
        @Min(0)
        Long observedGeneration) {

    public ManifestStatus {
        reason = ApiValues.text(reason);
        message = ApiValues.text(message);
    }

    /** A manifest applied successfully, with its health and status snapshot. */
    public static ManifestStatus applied(
            ResourceIdentifier identifier, ResourceHealth health, ObjectNode status, Long observedGeneration) {
        return new ManifestStatus(identifier, true, null, null, health, status, observedGeneration);
    }

    /** A manifest that could not be applied. */
    public static ManifestStatus failed(
            ResourceIdentifier identifier, String reason, String message, Long observedGeneration) {
        return new ManifestStatus(identifier, false, reason, message, ResourceHealth.UNKNOWN, null, observedGeneration);
    }
}
