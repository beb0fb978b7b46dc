package io.meridian.api.model.work;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.meridian.api.model.MeridianApi;

/**
 * The objects to apply to one member cluster, after placement and overrides; it lives in that
 * cluster's execution namespace, meridian-cluster-&lt;name&gt;. member-sync applies it and reports
 * per object.
 */
@Group(MeridianApi.GROUP)
@Version(MeridianApi.VERSION)
@Plural("works")
@Singular("work")
@Categories(MeridianApi.CATEGORY)
@AdditionalPrinterColumn(
        name = "Applied",
        jsonPath = ".status.conditions[?(@.type==\"Applied\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Available",
        jsonPath = ".status.conditions[?(@.type==\"Available\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class Work extends CustomResource<WorkSpec, WorkStatus> implements Namespaced {

    public Work() {}

    /** A Work named {@code namespace/name} with {@code spec}, for tests and tools. */
    public Work(String namespace, String name, WorkSpec spec) {
        setMetadata(
                new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        setSpec(spec);
    }
}
