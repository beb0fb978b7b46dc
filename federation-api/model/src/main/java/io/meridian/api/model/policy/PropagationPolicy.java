package io.meridian.api.model.policy;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.meridian.api.model.MeridianApi;

/**
 * Federates the objects of its own namespace that its selectors match: where they go, how their
 * replicas divide, how they fail over.
 */
@Group(MeridianApi.GROUP)
@Version(MeridianApi.VERSION)
@Plural("propagationpolicies")
@Singular("propagationpolicy")
@ShortNames("pp")
@Categories(MeridianApi.CATEGORY)
@AdditionalPrinterColumn(name = "Priority", jsonPath = ".spec.priority", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
        name = "Conflict",
        jsonPath = ".spec.conflictResolution",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class PropagationPolicy extends CustomResource<PropagationSpec, Void> implements Namespaced {

    public PropagationPolicy() {}

    /** A PropagationPolicy named {@code namespace/name} with {@code spec}, for tests and tools. */
    public PropagationPolicy(String namespace, String name, PropagationSpec spec) {
        setMetadata(
                new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        setSpec(spec);
    }
}
