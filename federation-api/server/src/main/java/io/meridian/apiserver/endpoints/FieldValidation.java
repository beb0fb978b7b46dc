package io.meridian.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.ResourceType;
import java.util.List;

/**
 * Unknown-field handling for request bodies ({@code fieldValidation=Strict|Warn|Ignore}): finds the
 * fields the kind's schema does not declare and removes them, as kube-apiserver's decoder and CRD
 * pruning do, so that nothing undeclared is ever stored.
 */
public interface FieldValidation {

    /** Removes undeclared fields from {@code obj} and returns kube's message for each (e.g. {@code unknown field "spec.foo"}). */
    List<String> pruneUnknown(ResourceType type, ObjectNode obj);

    FieldValidation NONE = (type, obj) -> List.of();
}
