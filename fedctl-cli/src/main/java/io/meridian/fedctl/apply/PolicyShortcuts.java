package io.meridian.fedctl.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.MeridianApi;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.policy.ClusterAffinity;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.Placement;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.policy.ReplicaDivisionPreference;
import io.meridian.api.model.policy.ReplicaScheduling;
import io.meridian.api.model.policy.ReplicaSchedulingType;
import io.meridian.api.model.policy.ResourceSelector;
import io.meridian.api.model.policy.StaticClusterWeight;
import io.meridian.fedctl.UserError;
import io.meridian.fedctl.clusters.Clusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * {@code --regions}, {@code --clusters}, {@code --weights}, {@code --divided}: a placement given on the
 * command line, turned into one PropagationPolicy per workload, named after it, that selects the
 * objects of that name being applied (a Deployment {@code web} and its Service {@code web} share the
 * policy {@code web}). Cluster-scoped objects get a ClusterPropagationPolicy.
 */
public final class PolicyShortcuts {

    /** Marks the policies fedctl generated, so that applying again may replace them. */
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    static final String MANAGED_BY_VALUE = "fedctl";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Option(
            names = "--regions",
            split = ",",
            paramLabel = "REGION",
            description = "Place the objects in the clusters of these regions (generates a PropagationPolicy).")
    List<String> regions = new ArrayList<>();

    @Option(
            names = "--clusters",
            split = ",",
            paramLabel = "CLUSTER",
            description = "Place the objects in these clusters (generates a PropagationPolicy).")
    List<String> clusters = new ArrayList<>();

    @Option(
            names = "--weights",
            paramLabel = "NAME=WEIGHT[,...]",
            converter = Weights.Converter.class,
            description = "Divide replicas by these weights, per region or cluster, such as us-east=2,eu-west=1"
                    + " (generates a PropagationPolicy).")
    Weights weights;

    @Option(
            names = "--divided",
            description = "Divide replicas evenly over the chosen clusters instead of running all of them in each.")
    boolean divided;

    @Option(
            names = "--overwrite-policy",
            description = "Generate the policy even when another policy already places an object; the generated"
                    + " one then takes precedence over it.")
    boolean overwrite;

    /** Whether any shortcut was given. */
    public boolean any() {
        return !regions.isEmpty() || !clusters.isEmpty() || weights != null || divided;
    }

    /** Whether to override other policies. */
    public boolean overwrite() {
        return overwrite;
    }

    /** The shortcuts as given, for messages: {@code --regions us-east,eu-west --weights us-east=2,eu-west=1}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!regions.isEmpty()) {
            parts.add("--regions " + String.join(",", regions));
        }
        if (!clusters.isEmpty()) {
            parts.add("--clusters " + String.join(",", clusters));
        }
        if (weights != null) {
            parts.add("--weights " + weights);
        }
        if (divided) {
            parts.add("--divided");
        }
        return String.join(" ", parts);
    }

    /**
     * The placement the shortcuts describe, checked against the federation's clusters: every region
     * named must have a cluster, every cluster named must exist, and every weight key must be one or
     * the other.
     */
    public Placement placement(List<Cluster> members) {
        Set<String> knownRegions = new TreeSet<>();
        Set<String> knownClusters = new TreeSet<>();
        for (Cluster c : members) {
            knownClusters.add(c.getMetadata().getName());
            if (c.getSpec() != null && c.getSpec().region() != null) {
                knownRegions.add(c.getSpec().region());
            }
        }
        for (String region : regions) {
            if (!knownRegions.contains(region)) {
                throw new UserError("--regions: no cluster is in region '" + region + "' (regions: "
                        + (knownRegions.isEmpty() ? "none; join a cluster first" : String.join(", ", knownRegions))
                        + ")");
            }
        }
        for (String cluster : clusters) {
            if (!knownClusters.contains(cluster)) {
                throw Clusters.unknown(cluster);
            }
        }
        ClusterAffinity affinity = regions.isEmpty() && clusters.isEmpty()
                ? null
                : new ClusterAffinity(
                        clusters.isEmpty() ? null : List.copyOf(clusters),
                        null,
                        null,
                        regions.isEmpty() ? null : List.copyOf(regions));
        ReplicaScheduling scheduling = null;
        if (weights != null) {
            List<StaticClusterWeight> list = new ArrayList<>();
            weights.values().forEach((key, weight) -> {
                ClusterAffinity target;
                if (knownRegions.contains(key)) {
                    target = ClusterAffinity.regions(key);
                } else if (knownClusters.contains(key)) {
                    target = ClusterAffinity.names(key);
                } else {
                    throw new UserError("--weights: '" + key + "' is neither a region nor a cluster of the federation"
                            + " (regions: " + String.join(", ", knownRegions) + "; clusters: "
                            + String.join(", ", knownClusters) + ")");
                }
                list.add(new StaticClusterWeight(target, weight));
            });
            scheduling = ReplicaScheduling.weighted(list);
        } else if (divided) {
            scheduling = new ReplicaScheduling(ReplicaSchedulingType.DIVIDED, ReplicaDivisionPreference.WEIGHTED, null);
        }
        return new Placement(affinity, null, null, scheduling);
    }

    /**
     * One policy per workload name among {@code objects}, as generic objects ready to apply, each
     * selecting by name the objects of that name (and namespace) with {@code placement}.
     */
    public static List<GenericKubernetesResource> policies(List<Manifest> objects, Placement placement) {
        Map<String, List<Manifest>> byPolicy = new LinkedHashMap<>();
        for (Manifest m : objects) {
            String key = (m.namespace() == null ? "" : m.namespace()) + "/" + m.name();
            byPolicy.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        List<GenericKubernetesResource> policies = new ArrayList<>();
        for (List<Manifest> group : byPolicy.values()) {
            Manifest first = group.getFirst();
            Set<ResourceSelector> selectors = new LinkedHashSet<>();
            for (Manifest m : group) {
                selectors.add(ResourceSelector.named(m.apiVersion(), m.kind(), m.namespace(), m.name()));
            }
            PropagationSpec spec = PropagationSpec.builder()
                    .resourceSelectors(List.copyOf(selectors))
                    .placement(placement)
                    .build();
            HasMetadata policy = first.namespace() == null
                    ? new ClusterPropagationPolicy(first.name(), spec)
                    : new PropagationPolicy(first.namespace(), first.name(), spec);
            policy.getMetadata().setLabels(Map.of(MANAGED_BY_LABEL, MANAGED_BY_VALUE));
            policies.add(SERIALIZATION.convertValue(policy, GenericKubernetesResource.class));
        }
        return policies;
    }

    /** Whether {@code object} is a Meridian object (a policy...), which policies never place. */
    static boolean isMeridian(Manifest m) {
        return m.apiVersion() != null && m.apiVersion().startsWith(MeridianApi.GROUP + "/");
    }

    /** Whether fedctl generated {@code object}. */
    static boolean generated(HasMetadata object) {
        return object.getMetadata() != null
                && object.getMetadata().getLabels() != null
                && Objects.equals(
                        MANAGED_BY_VALUE, object.getMetadata().getLabels().get(MANAGED_BY_LABEL));
    }
}
