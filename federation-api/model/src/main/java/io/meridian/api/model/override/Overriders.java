package io.meridian.api.model.override;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import java.util.List;

/**
 * The changes one override rule makes. They apply in this order: imageOverrider, replicasOverrider,
 * commandOverrider, argsOverrider, envOverrider, labelsOverrider, annotationsOverrider, and last
 * plaintext, so a JSON patch can correct anything before it.
 */
@ApiType
public record Overriders(
        @JsonPropertyDescription("JSON patch (RFC 6902) operations, applied in order.")
        List<JsonPatch> plaintext,

        @JsonPropertyDescription("Container image rewrites.")
        List<ImageOverrider> imageOverrider,

        @JsonPropertyDescription("A fixed replica count.") ReplicasOverrider replicasOverrider,

        @JsonPropertyDescription("Changes to the object's labels.")
        List<LabelAnnotationOverrider> labelsOverrider,

        @JsonPropertyDescription("Changes to the object's annotations.")
        List<LabelAnnotationOverrider> annotationsOverrider,

        @JsonPropertyDescription("Changes to containers' command.")
        List<CommandArgsOverrider> commandOverrider,

        @JsonPropertyDescription("Changes to containers' args.")
        List<CommandArgsOverrider> argsOverrider,

        @JsonPropertyDescription("Changes to containers' environment.")
        List<EnvOverrider> envOverrider) {

    public Overriders {
        plaintext = ApiValues.list(plaintext);
        imageOverrider = ApiValues.list(imageOverrider);
        labelsOverrider = ApiValues.list(labelsOverrider);
        annotationsOverrider = ApiValues.list(annotationsOverrider);
        commandOverrider = ApiValues.list(commandOverrider);
        argsOverrider = ApiValues.list(argsOverrider);
        envOverrider = ApiValues.list(envOverrider);
    }

    /** Only JSON patches. */
    public static Overriders plaintext(JsonPatch... patches) {
        return new Overriders(List.of(patches), null, null, null, null, null, null, null);
    }

    /** Only image rewrites. */
    public static Overriders images(ImageOverrider... overriders) {
        return new Overriders(null, List.of(overriders), null, null, null, null, null, null);
    }

    /** Only a fixed replica count. */
    public static Overriders replicas(int replicas) {
        return new Overriders(null, null, new ReplicasOverrider(replicas), null, null, null, null, null);
    }
}
