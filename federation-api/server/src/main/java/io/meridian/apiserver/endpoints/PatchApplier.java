package io.meridian.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.ResourceType;

/** Applies a JSON, merge or strategic merge patch (by content type) to an object. */
public interface PatchApplier {

    /**
     * @param contentType the request's content type, without parameters
     * @param type the patched resource
     * @param current the object as stored (not to be mutated)
     * @param patch the parsed patch document
     * @return the patched object
     */
    ObjectNode apply(String contentType, ResourceType type, ObjectNode current, JsonNode patch);
}
