package io.meridian.api.model.work;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
 * Written by the controller for each federated cluster-scoped object that a
 * ClusterPropagationPolicy selects: as ResourceBinding, for objects without a namespace.
 */
@Group(MeridianApi.GROUP)
@Version(MeridianApi.VERSION)
@Plural("clusterresourcebindings")
@Singular("clusterresourcebinding")
@ShortNames("crb")
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
public class ClusterResourceBinding extends CustomResource<ResourceBindingSpec, ResourceBindingStatus> {

    public ClusterResourceBinding() {}

    /** A ClusterResourceBinding named {@code name} with {@code spec}, for tests and tools. */
    public ClusterResourceBinding(String name, ResourceBindingSpec spec) {
        setMetadata(new ObjectMetaBuilder().withName(name).build());
        setSpec(spec);
    }
}
