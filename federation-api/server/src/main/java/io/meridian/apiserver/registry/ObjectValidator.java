package io.meridian.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.StatusCause;
import java.util.List;

/** Validation of an object about to be stored; {@code old} is null on create. */
@FunctionalInterface
public interface ObjectValidator {

    List<StatusCause> validate(ResourceType type, ObjectNode obj, ObjectNode old);

    ObjectValidator NONE = (type, obj, old) -> List.of();
}
