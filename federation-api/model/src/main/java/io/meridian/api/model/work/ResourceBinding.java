package io.meridian.api.model.work;

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
 * Written by the controller for each federated namespaced object that a policy selects: the object,
 * the policy, the scheduling result and the state of the object in every member cluster.
 */
@Group(MeridianApi.GROUP)
@Version(MeridianApi.VERSION)
@Plural("resourcebindings")
@Singular("resourcebinding")
@ShortNames("rb")
@Categories(MeridianApi.CATEGORY)
@AdditionalPrinterColumn(
        name = "Scheduled",
        jsonPath = ".status.conditions[?(@.type==\"Scheduled\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "FullyApplied",
        jsonPath = ".status.conditions[?(@.type==\"FullyApplied\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class ResourceBinding extends CustomResource<ResourceBindingSpec, ResourceBindingStatus> implements Namespaced {

    public ResourceBinding() {}

    /** A ResourceBinding named {@code namespace/name} with {@code spec}, for tests and tools. */
    public ResourceBinding(String namespace, String name, ResourceBindingSpec spec) {
        setMetadata(
                new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        setSpec(spec);
    }
}
