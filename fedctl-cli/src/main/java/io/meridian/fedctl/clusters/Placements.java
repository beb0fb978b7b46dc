package io.meridian.fedctl.clusters;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.work.ClusterResourceBinding;
import io.meridian.api.model.work.GracefulEvictionTask;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceReference;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.api.model.work.Work;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What runs where: the federated objects each member cluster holds, read from the bindings' scheduling
 * results (and their graceful eviction tasks, which keep a leaving copy in place for a while).
 */
public final class Placements {

    /**
     * One federated object on one cluster.
     *
     * @param kind the object's kind
     * @param namespace its namespace; null when cluster-scoped
     * @param name its name
     * @param replicas its replicas there; null for kinds without replicas
     * @param leaving whether it is only kept there until its replacement elsewhere is ready
     */
    public record Placed(String kind, String namespace, String name, Integer replicas, boolean leaving) {
        /** {@code Deployment shop/web}. */
        public String describe() {
            return kind + " " + (namespace == null ? name : namespace + "/" + name);
        }
    }

    private Placements() {}

    /** Every cluster that holds something, with what it holds, sorted by object. */
    public static Map<String, List<Placed>> byCluster(KubernetesClient client) {
        List<ResourceBindingSpec> specs = new ArrayList<>();
        client.resources(ResourceBinding.class).inAnyNamespace().list().getItems().stream()
                .map(ResourceBinding::getSpec)
                .filter(Objects::nonNull)
                .forEach(specs::add);
        client.resources(ClusterResourceBinding.class).list().getItems().stream()
                .map(ClusterResourceBinding::getSpec)
                .filter(Objects::nonNull)
                .forEach(specs::add);
        Map<String, List<Placed>> result = new LinkedHashMap<>();
        for (ResourceBindingSpec spec : specs) {
            ResourceReference r = spec.resource();
            if (r == null) {
                continue;
            }
            for (TargetCluster target : spec.clusters()) {
                result.computeIfAbsent(target.name(), k -> new ArrayList<>())
                        .add(new Placed(r.kind(), r.namespace(), r.name(), target.replicas(), false));
            }
            for (GracefulEvictionTask task : spec.gracefulEvictionTasks()) {
                List<Placed> on = result.computeIfAbsent(task.fromCluster(), k -> new ArrayList<>());
                boolean listed = on.stream()
                        .anyMatch(p -> p.kind().equals(r.kind())
                                && Objects.equals(p.namespace(), r.namespace())
                                && p.name().equals(r.name()));
                if (!listed) {
                    on.add(new Placed(r.kind(), r.namespace(), r.name(), task.replicas(), true));
                }
            }
        }
        result.values().forEach(l -> l.sort(Comparator.comparing(Placed::describe)));
        return result;
    }

    /** What {@code cluster} holds. */
    public static List<Placed> on(KubernetesClient client, String cluster) {
        return byCluster(client).getOrDefault(cluster, List.of());
    }

    /** The Works still in the execution namespace of {@code cluster}, including those being deleted. */
    public static List<String> works(KubernetesClient client, String cluster) {
        try {
            return client
                    .resources(Work.class)
                    .inNamespace(Namespaces.executionNamespace(cluster))
                    .list()
                    .getItems()
                    .stream()
                    .map(w -> w.getMetadata().getName())
                    .sorted()
                    .toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }
}
