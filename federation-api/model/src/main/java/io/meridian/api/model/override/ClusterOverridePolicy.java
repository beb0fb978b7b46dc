package io.meridian.api.model.override;

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
 * Changes federated objects of any namespace, and cluster-scoped ones, on their way to particular
 * clusters or regions. Applied before the OverridePolicies of the object's namespace.
 */
@Group(MeridianApi.GROUP)
@Version(MeridianApi.VERSION)
@Plural("clusteroverridepolicies")
@Singular("clusteroverridepolicy")
@ShortNames("cop")
@Categories(MeridianApi.CATEGORY)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class ClusterOverridePolicy extends CustomResource<OverrideSpec, Void> {

    public ClusterOverridePolicy() {}

    /** A ClusterOverridePolicy named {@code name} with {@code spec}, for tests and tools. */
    public ClusterOverridePolicy(String name, OverrideSpec spec) {
        setMetadata(new ObjectMetaBuilder().withName(name).build());
        setSpec(spec);
    }
}
