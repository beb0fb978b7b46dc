package io.meridian.api.model.policy;

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
 * Federates objects of any namespace, and cluster-scoped objects, that its selectors match. A
 * PropagationPolicy in an object's namespace wins over a ClusterPropagationPolicy.
 */
@Group(MeridianApi.GROUP)
@Version(MeridianApi.VERSION)
@Plural("clusterpropagationpolicies")
@Singular("clusterpropagationpolicy")
@ShortNames("cpp")
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
public class ClusterPropagationPolicy extends CustomResource<PropagationSpec, Void> {

    public ClusterPropagationPolicy() {}

    /** A ClusterPropagationPolicy named {@code name} with {@code spec}, for tests and tools. */
    public ClusterPropagationPolicy(String name, PropagationSpec spec) {
        setMetadata(new ObjectMetaBuilder().withName(name).build());
        setSpec(spec);
    }
}
