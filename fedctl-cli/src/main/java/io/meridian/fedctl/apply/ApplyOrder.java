package io.meridian.fedctl.apply;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order objects are applied in: what others need first (namespaces, overrides, configuration),
 * workloads next, and propagation policies last, so that when a policy arrives everything it selects
 * is there to be placed in one pass, with its overrides and dependencies. Objects of one rank keep
 * their order in the files.
 */
final class ApplyOrder {

    private static final int OTHER = 50;

    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("Namespace", 0),
            Map.entry("CustomResourceDefinition", 1),
            Map.entry("ClusterOverridePolicy", 10),
            Map.entry("OverridePolicy", 11),
            Map.entry("ServiceAccount", 20),
            Map.entry("Secret", 21),
            Map.entry("ConfigMap", 22),
            Map.entry("PersistentVolumeClaim", 23),
            Map.entry("ClusterRole", 24),
            Map.entry("ClusterRoleBinding", 25),
            Map.entry("Role", 26),
            Map.entry("RoleBinding", 27),
            Map.entry("Service", 30),
            Map.entry("Deployment", 60),
            Map.entry("StatefulSet", 60),
            Map.entry("DaemonSet", 60),
            Map.entry("ReplicaSet", 60),
            Map.entry("Job", 60),
            Map.entry("CronJob", 60),
            Map.entry("Pod", 60),
            Map.entry("Ingress", 70),
            Map.entry("HorizontalPodAutoscaler", 70),
            Map.entry("PodDisruptionBudget", 70),
            Map.entry("GlobalDNSRecord", 80),
            Map.entry("PropagationPolicy", 90),
            Map.entry("ClusterPropagationPolicy", 91));

    private ApplyOrder() {}

    static int rank(String kind) {
        return RANK.getOrDefault(kind, OTHER);
    }

    /** {@code items} in apply order (a stable sort); {@code kind} reads an item's kind. */
    static <T> List<T> sort(List<T> items, Function<T, String> kind) {
        return items.stream()
                .sorted(Comparator.comparingInt(m -> rank(kind.apply(m))))
                .toList();
    }
}
