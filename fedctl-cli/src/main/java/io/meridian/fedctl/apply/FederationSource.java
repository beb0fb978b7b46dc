package io.meridian.fedctl.apply;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.work.ClusterResourceBinding;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceBindingStatus;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.fedctl.connect.ApiKind;
import io.meridian.fedctl.connect.Federation;
import java.util.List;
import java.util.Optional;

/** The {@link PlanningSource} of a live federation API; clusters are read once per command. */
final class FederationSource implements PlanningSource {

    private final Federation federation;
    private final KubernetesClient client;
    private List<Cluster> clusters;

    FederationSource(Federation federation) {
        this.federation = federation;
        this.client = federation.client();
    }

    @Override
    public Optional<ApiKind> kind(String apiVersion, String kind) {
        return federation.discovery().find(apiVersion, kind);
    }

    @Override
    public String defaultNamespace() {
        return federation.namespace();
    }

    @Override
    public String describe() {
        return federation.describe();
    }

    @Override
    public List<PropagationPolicy> propagationPolicies(String namespace) {
        return client.resources(PropagationPolicy.class)
                .inNamespace(namespace)
                .list()
                .getItems();
    }

    @Override
    public List<ClusterPropagationPolicy> clusterPropagationPolicies() {
        return client.resources(ClusterPropagationPolicy.class).list().getItems();
    }

    @Override
    public List<Cluster> clusters() {
        if (clusters == null) {
            clusters = client.resources(Cluster.class).list().getItems();
        }
        return clusters;
    }

    @Override
    public List<TargetCluster> currentPlacement(String kind, String namespace, String name) {
        String binding = ResourceNames.bindingName(kind, name);
        CustomResource<ResourceBindingSpec, ResourceBindingStatus> found = namespace == null
                ? client.resources(ClusterResourceBinding.class)
                        .withName(binding)
                        .get()
                : client.resources(ResourceBinding.class)
                        .inNamespace(namespace)
                        .withName(binding)
                        .get();
        return found == null || found.getSpec() == null
                ? List.of()
                : found.getSpec().clusters();
    }
}
