package io.meridian.api.model.drill;

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
 * A rehearsal of a regional failure: fail a cluster or a region on purpose, measure how the
 * federation recovers, judge it against success criteria, and restore.
 */
@Group(MeridianApi.GROUP)
@Version(MeridianApi.VERSION)
@Plural("failoverdrills")
@Singular("failoverdrill")
@ShortNames("drill")
@Categories(MeridianApi.CATEGORY)
@AdditionalPrinterColumn(name = "Action", jsonPath = ".spec.action", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.verdict", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "RTO", jsonPath = ".status.rtoSeconds", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class FailoverDrill extends CustomResource<FailoverDrillSpec, FailoverDrillStatus> {

    public FailoverDrill() {}

    /** A FailoverDrill named {@code name} with {@code spec}, for tests and tools. */
    public FailoverDrill(String name, FailoverDrillSpec spec) {
        setMetadata(new ObjectMetaBuilder().withName(name).build());
        setSpec(spec);
    }
}
