package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.LabelSelector;
import java.util.Map;
import java.util.Objects;

/** Selects federated objects by type, and optionally by namespace, name or labels. */
@ApiType
public record ResourceSelector(
        @JsonPropertyDescription("The apiVersion of the objects, such as apps/v1.") @Required @Size(min = 1)
        String apiVersion,

        @JsonPropertyDescription("The kind of the objects, such as Deployment.") @Required @Size(min = 1)
        String kind,

        @JsonPropertyDescription("The namespace of the objects. In a PropagationPolicy or OverridePolicy it is"
                + " always the policy's own namespace; in a cluster policy, empty means every namespace.")
        String namespace,

        @JsonPropertyDescription("The name of the one object to select; when set, labelSelector is ignored.")
        String name,

        @JsonPropertyDescription("A label query over the objects; absent means every object of the type.")
        LabelSelector labelSelector) {

    public ResourceSelector {
        namespace = ApiValues.text(namespace);
        name = ApiValues.text(name);
    }

    /** Every object of one type. */
    public static ResourceSelector of(String apiVersion, String kind) {
        return new ResourceSelector(apiVersion, kind, null, null, null);
    }

    /** One named object. */
    public static ResourceSelector named(String apiVersion, String kind, String namespace, String name) {
        return new ResourceSelector(apiVersion, kind, namespace, name, null);
    }

    /**
     * Whether the object identified by these values is selected. A set name wins over the label
     * selector; an empty namespace or name matches any.
     */
    public boolean matches(
            String objApiVersion, String objKind, String objNamespace, String objName, Map<String, String> labels) {
        if (!Objects.equals(apiVersion, objApiVersion) || !Objects.equals(kind, objKind)) {
            return false;
        }
        if (!isEmpty(namespace) && !namespace.equals(objNamespace)) {
            return false;
        }
        if (!isEmpty(name)) {
            return name.equals(objName);
        }
        return labelSelector == null || labelSelector.matches(labels);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
