package io.meridian.api.model.override;

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
 * Changes federated objects of its own namespace on their way to particular clusters or regions:
 * images, replicas, labels, annotations, command, args, environment, or any field by JSON patch.
 */
@Group(MeridianApi.GROUP)
@Version(MeridianApi.VERSION)
@Plural("overridepolicies")
@Singular("overridepolicy")
@ShortNames("op")
@Categories(MeridianApi.CATEGORY)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class OverridePolicy extends CustomResource<OverrideSpec, Void> implements Namespaced {

    public OverridePolicy() {}

    /** A OverridePolicy named {@code namespace/name} with {@code spec}, for tests and tools. */
    public OverridePolicy(String namespace, String name, OverrideSpec spec) {
        setMetadata(
                new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        setSpec(spec);
    }
}
