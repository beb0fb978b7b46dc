package io.meridian.controller.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.override.ClusterOverridePolicy;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.controller.federated.FederatedInformers;
import io.meridian.controller.federated.FederatedKind;
import io.meridian.reconciler.ObjectKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a binding's Works from the caches: Clusters, override policies and dependencies. Shared
 * by the renderer, which writes the Works, and the status aggregator, which compares them with
 * what the Works hold to tell a current Work from one older than the template.
 */
public final class Renderings {

    /** The kinds a workload may depend on; their informers run from the start. */
    public static final List<FederatedKind> DEPENDENCY_KINDS = List.of(
            FederatedKind.CONFIG_MAP,
            FederatedKind.SECRET,
            FederatedKind.SERVICE_ACCOUNT,
            FederatedKind.PERSISTENT_VOLUME_CLAIM);

    private final WorkRenderer renderer;
    private final FederatedInformers objects;
    private final Store<Cluster> clusters;
    private final Store<OverridePolicy> overridePolicies;
    private final Store<ClusterOverridePolicy> clusterOverridePolicies;

    public Renderings(
            WorkRenderer renderer,
            FederatedInformers objects,
            Store<Cluster> clusters,
            Store<OverridePolicy> overridePolicies,
            Store<ClusterOverridePolicy> clusterOverridePolicies) {
        this.renderer = renderer;
        this.objects = objects;
        this.clusters = clusters;
        this.overridePolicies = overridePolicies;
        this.clusterOverridePolicies = clusterOverridePolicies;
    }

    /**
     * Whether every cache a rendering of {@code spec} reads is filled. Rendering from a cache still
     * filling would leave out dependencies that exist, and so remove them from the members.
     */
    public boolean ready(ResourceBindingSpec spec) {
        if (!objects.isWatched(FederatedKind.of(spec.resource()))) {
            return false;
        }
        return Boolean.FALSE.equals(spec.propagateDeps())
                || DEPENDENCY_KINDS.stream().allMatch(objects::isWatched);
    }

    public WorkRenderer.Rendering render(
            ObjectKey binding, ResourceBindingSpec spec, GenericKubernetesResource template) {
        Map<String, Cluster> byName = new HashMap<>();
        for (Cluster cluster : clusters.list()) {
            byName.put(cluster.getMetadata().getName(), cluster);
        }
        return renderer.render(new WorkRenderer.Inputs(
                binding,
                spec,
                template,
                byName,
                overridePolicies.list(),
                clusterOverridePolicies.list(),
                ref -> objects.get(new FederatedKind(ref.apiVersion(), ref.kind()), ref.namespace(), ref.name())));
    }
}
