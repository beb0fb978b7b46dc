package io.meridian.api.model;

import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.dns.GlobalDNSRecord;
import io.meridian.api.model.drill.FailoverDrill;
import io.meridian.api.model.override.ClusterOverridePolicy;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.work.ClusterResourceBinding;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.Work;
import java.util.List;
import java.util.Optional;

/**
 * Every meridian.io kind, so that the API server can register them from their CRDs at start-up
 * without scanning the classpath, and clients can look a kind up by name.
 */
public final class MeridianKinds {

    private MeridianKinds() {}

    private static final List<MeridianKind> ALL = List.of(
            MeridianKind.of(Cluster.class),
            MeridianKind.of(PropagationPolicy.class),
            MeridianKind.of(ClusterPropagationPolicy.class),
            MeridianKind.of(OverridePolicy.class),
            MeridianKind.of(ClusterOverridePolicy.class),
            MeridianKind.of(ResourceBinding.class),
            MeridianKind.of(ClusterResourceBinding.class),
            MeridianKind.of(Work.class),
            MeridianKind.of(GlobalDNSRecord.class),
            MeridianKind.of(FailoverDrill.class));

    /**
     * All kinds, in an order fit for registration: clusters and policies before what they produce.
     */
    public static List<MeridianKind> all() {
        return ALL;
    }

    /** The kind named {@code kind}, such as {@code Work}. */
    public static Optional<MeridianKind> byKind(String kind) {
        return ALL.stream().filter(k -> k.kind().equals(kind)).findFirst();
    }

    /** The kind whose resource name is {@code plural}, such as {@code works}. */
    public static Optional<MeridianKind> byPlural(String plural) {
        return ALL.stream().filter(k -> k.plural().equals(plural)).findFirst();
    }

    /** The kind of the Java type {@code type}. */
    public static Optional<MeridianKind> byType(Class<?> type) {
        return ALL.stream().filter(k -> k.type().equals(type)).findFirst();
    }
}
