package io.meridian.apiserver.namespaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.KindStrategy;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.validation.ObjectMetaValidator;
import java.util.Set;

/**
 * Namespaces are held by {@code spec.finalizers} ("kubernetes") until the namespace controller
 * has deleted everything in them, and show {@code Terminating} meanwhile, as in Kubernetes.
 */
public final class NamespaceStrategy implements KindStrategy {

    public static final String FINALIZER = "kubernetes";

    @Override
    public ObjectMetaValidator.NameRule nameRule() {
        return ObjectMetaValidator.NameRule.DNS_LABEL;
    }

    @Override
    public Set<String> selectableFields() {
        return Set.of("status.phase");
    }

    @Override
    public boolean tracksGeneration(ResourceType type) {
        return false;
    }

    @Override
    public void prepareForCreate(ResourceType type, ObjectNode obj) {
        obj.with("spec").putArray("finalizers").add(FINALIZER);
        obj.with("status").put("phase", "Active");
    }

    @Override
    public void prepareForUpdate(ResourceType type, ObjectNode obj, ObjectNode old) {
        // spec.finalizers changes only through the finalize subresource.
        JsonNode oldFinalizers = old.path("spec").path("finalizers");
        if (oldFinalizers.isMissingNode()) {
            if (obj.path("spec").isObject()) {
                ((ObjectNode) obj.get("spec")).remove("finalizers");
            }
        } else {
            obj.with("spec").set("finalizers", oldFinalizers);
        }
    }

    @Override
    public boolean blocksDeletion(ObjectNode obj) {
        JsonNode f = obj.path("spec").path("finalizers");
        return f.isArray() && !f.isEmpty();
    }

    @Override
    public void onDeletionStarted(ObjectNode obj) {
        obj.with("status").put("phase", "Terminating");
    }
}
