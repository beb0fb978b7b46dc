package io.meridian.api.model.dns;

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
 * A global DNS name that follows the health of federated Services or Ingresses: a region that fails
 * is withdrawn.
 */
@Group(MeridianApi.GROUP)
@Version(MeridianApi.VERSION)
@Plural("globaldnsrecords")
@Singular("globaldnsrecord")
@ShortNames("gdns")
@Categories(MeridianApi.CATEGORY)
@AdditionalPrinterColumn(name = "Hostname", jsonPath = ".spec.hostname", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Strategy", jsonPath = ".spec.strategy", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "TTL",
        jsonPath = ".spec.ttl",
        type = AdditionalPrinterColumn.Type.INTEGER,
        priority = 1)
@AdditionalPrinterColumn(
        name = "Published",
        jsonPath = ".status.conditions[?(@.type==\"Published\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class GlobalDNSRecord extends CustomResource<GlobalDNSRecordSpec, GlobalDNSRecordStatus> implements Namespaced {

    public GlobalDNSRecord() {}

    /** A GlobalDNSRecord named {@code namespace/name} with {@code spec}, for tests and tools. */
    public GlobalDNSRecord(String namespace, String name, GlobalDNSRecordSpec spec) {
        setMetadata(
                new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        setSpec(spec);
    }
}
