package io.meridian.apiserver.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.ObjectValidator;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.registry.Strategies;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.StatusCause;
import java.util.ArrayList;
import java.util.List;

/**
 * The validation every stored object passes: kube's ObjectMeta rules (with the kind's name rule)
 * and the kind's OpenAPI schema, so that a wrongly typed or missing field is a 422 with field
 * causes before anything reaches etcd.
 */
public final class ObjectValidation implements ObjectValidator {

    private static final String APIEXTENSIONS_GROUP = "apiextensions.k8s.io";

    private final ResourceRegistry registry;
    private final Strategies strategies;

    public ObjectValidation(ResourceRegistry registry, Strategies strategies) {
        this.registry = registry;
        this.strategies = strategies;
    }

    @Override
    public List<StatusCause> validate(ResourceType type, ObjectNode obj, ObjectNode old) {
        // kube checks unqualified finalizer names only for the kinds of its core API groups; the
        // CustomResourceDefinition is served by apiextensions-apiserver, which uses the generic
        // ObjectMeta rules, and its own cleanup finalizer has no '/'.
        boolean nativeKind = registry.isNative(type) && !type.group().equals(APIEXTENSIONS_GROUP);
        List<StatusCause> causes = new ArrayList<>();
        if (old == null) {
            causes.addAll(ObjectMetaValidator.validateCreate(
                    obj.path("metadata"),
                    type.namespaced(),
                    strategies.forType(type).nameRule(),
                    nativeKind));
            causes.addAll(SchemaValidator.validate(type.schema(), obj));
        } else {
            causes.addAll(ObjectMetaValidator.validateUpdate(obj.path("metadata"), old.path("metadata"), nativeKind));
            causes.addAll(SchemaValidator.validateUpdate(type.schema(), obj, old));
        }
        return causes;
    }
}
