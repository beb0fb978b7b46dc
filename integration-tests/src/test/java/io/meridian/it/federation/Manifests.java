package io.meridian.it.federation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The manifests the suites apply, as a user writes them: plain Deployments and ConfigMaps, and
 * Meridian policies. YAML, so that a failing test shows exactly what was sent.
 */
final class Manifests {

    /** The image every test Deployment starts with; a registry of its own, so that rewrites show. */
    static final String IMAGE = "registry.example.com/team/web:1.0";

    private Manifests() {}

    /** Static weights by cluster, in the order given: {@code weights("us-east", 2, "eu-west", 1)}. */
    static Map<String, Integer> weights(Object... clusterThenWeight) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < clusterThenWeight.length; i += 2) {
            weights.put((String) clusterThenWeight[i], (Integer) clusterThenWeight[i + 1]);
        }
        return weights;
    }

    static String namespace(String name) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata: {name: %s}
                """.formatted(name);
    }

    /** A Deployment of {@link #IMAGE} with the environment variable GREETING=hello. */
    static String deployment(String namespace, String name, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: %2$s, labels: {app: %1$s}}
                spec:
                  replicas: %3$d
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers:
                      - name: web
                        image: %4$s
                        env: [{name: GREETING, value: hello}]
                """.formatted(name, namespace, replicas, IMAGE);
    }

    /** As {@link #deployment}, its container's environment also taken from the ConfigMap {@code configMap}. */
    static String deploymentUsing(String namespace, String name, int replicas, String configMap) {
        return deployment(namespace, name, replicas)
                + "        envFrom: [{configMapRef: {name: %s}}]\n".formatted(configMap);
    }

    static String configMap(String namespace, String name, Map<String, String> data) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: %s}
                data: {%s}
                """.formatted(name, namespace, flow(data));
    }

    /**
     * A PropagationPolicy dividing the replicas of the Deployment {@code deployment} over the clusters
     * of {@code weights} (in its order) by those static weights.
     */
    static String dividedPolicy(String namespace, String deployment, Map<String, Integer> weights) {
        return dividedPolicy(namespace, deployment, weights, "Abort");
    }

    static String dividedPolicy(
            String namespace, String deployment, Map<String, Integer> weights, String conflictResolution) {
        String list = weights.entrySet().stream()
                .map(e -> "            - {targetCluster: {clusterNames: [%s]}, weight: %d}"
                        .formatted(e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n"));
        return """
                apiVersion: meridian.io/v1alpha1
                kind: PropagationPolicy
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: %1$s}]
                  conflictResolution: %3$s
                  placement:
                    clusterAffinity: {clusterNames: [%4$s]}
                    replicaScheduling:
                      replicaSchedulingType: Divided
                      weightPreference:
                        staticWeightList:
                %5$s
                """.formatted(deployment, namespace, conflictResolution, String.join(", ", weights.keySet()), list);
    }

    /** A PropagationPolicy running every replica of the Deployment in each of {@code clusters}. */
    static String duplicatedPolicy(
            String namespace, String deployment, List<String> clusters, String conflictResolution) {
        return """
                apiVersion: meridian.io/v1alpha1
                kind: PropagationPolicy
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: %1$s}]
                  conflictResolution: %3$s
                  placement:
                    clusterAffinity: {clusterNames: [%4$s]}
                    replicaScheduling: {replicaSchedulingType: Duplicated}
                """.formatted(deployment, namespace, conflictResolution, String.join(", ", clusters));
    }

    /** An OverridePolicy for the Deployment {@code deployment} with one rule for {@code cluster}. */
    static String overridePolicy(String namespace, String name, String deployment, String cluster, String overriders) {
        return """
                apiVersion: meridian.io/v1alpha1
                kind: OverridePolicy
                metadata: {name: %s, namespace: %s}
                spec:
                  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: %s}]
                  overrideRules:
                  - targetCluster: {clusterNames: [%s]}
                    overriders: %s
                """.formatted(name, namespace, deployment, cluster, overriders);
    }

    private static String flow(Map<String, String> data) {
        return data.entrySet().stream()
                .map(e -> e.getKey() + ": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
    }
}
