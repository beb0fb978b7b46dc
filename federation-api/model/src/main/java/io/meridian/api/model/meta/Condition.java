package io.meridian.api.model.meta;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.time.Instant;
import java.util.Objects;

/**
 * One aspect of an object's current state, in the shape of Kubernetes' {@code metav1.Condition},
 * so that {@code kubectl wait --for=condition=Ready} and every generic tool read it.
 */
@ApiType
public record Condition(
        @JsonPropertyDescription("Type of condition in CamelCase or in foo.example.com/CamelCase, such as Ready.")
        @Required
        @Pattern(Patterns.QUALIFIED_NAME)
        @Size(max = 316)
        String type,

        @JsonPropertyDescription("Status of the condition: True, False or Unknown.") @Required
        ConditionStatus status,

        @JsonPropertyDescription("The .metadata.generation that the condition was set upon; a condition whose"
                + " observedGeneration is older than the object's generation is out of date.")
        @Min(0)
        Long observedGeneration,

        @JsonPropertyDescription("When the condition last changed from one status to another.") @Required
        Instant lastTransitionTime,

        @JsonPropertyDescription("A programmatic identifier in CamelCase for the reason of the last transition.")
        @Required
        @Pattern(Patterns.REASON)
        @Size(min = 1, max = 1024)
        String reason,

        @JsonPropertyDescription("A human readable message with details about the transition; may be empty.")
        @Size(max = 32768)
        String message) {

    public Condition {
        message = ApiValues.text(message);
    }

    /** A condition that changed at {@code now}, without an observed generation. */
    public static Condition of(String type, ConditionStatus status, String reason, String message, Instant now) {
        return new Condition(type, status, null, now, reason, message);
    }

    /** The same condition, recording the generation it was computed from. */
    public Condition withObservedGeneration(Long generation) {
        return new Condition(type, status, generation, lastTransitionTime, reason, message);
    }

    /** Whether type, status, reason, message and observed generation all match {@code other}. */
    public boolean sameStateAs(Condition other) {
        return other != null
                && Objects.equals(type, other.type)
                && status == other.status
                && Objects.equals(reason, other.reason)
                && Objects.equals(message, other.message)
                && Objects.equals(observedGeneration, other.observedGeneration);
    }
}
