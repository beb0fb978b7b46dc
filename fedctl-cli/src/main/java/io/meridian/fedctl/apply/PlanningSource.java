package io.meridian.fedctl.apply;

import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.fedctl.connect.ApiKind;
import java.util.List;
import java.util.Optional;

/**
 * What the {@link Planner} reads from the federation: the kinds it serves, the policies and clusters
 * there are, and where objects are placed now. {@link FederationSource} reads them from the API.
 */
interface PlanningSource {

    /** The kind {@code kind} of {@code apiVersion}, if the federation serves it. */
    Optional<ApiKind> kind(String apiVersion, String kind);

    /** The namespace of objects that name none: the context's, else {@code default}. */
    String defaultNamespace();

    /** The federation, for messages: {@code the federation API at URL (context NAME)}. */
    String describe();

    List<PropagationPolicy> propagationPolicies(String namespace);

    List<ClusterPropagationPolicy> clusterPropagationPolicies();

    List<Cluster> clusters();

    /**
     * Where the object is placed now (its binding's clusters); empty when it has no binding.
     *
     * @param namespace null for a cluster-scoped object
     */
    List<TargetCluster> currentPlacement(String kind, String namespace, String name);
}
