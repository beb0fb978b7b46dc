package io.meridian.controller.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Set;

/**
 * A federated object made fit to apply to a member: what the federation API server set on it (its
 * identity, timestamps, finalizers, owners, managed fields, status) is removed, and so are the few
 * fields it allocates that mean nothing in a member (a Service's cluster IPs and node ports, a
 * bound volume, a scheduled node, ServiceAccount token secrets).
 */
public final class TemplatePruning {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Metadata kept: everything else belongs to the federation API server. */
    private static final Set<String> KEPT_METADATA = Set.of("name", "namespace", "labels", "annotations");

    /** Annotations that describe the federation's copy, not the desired state. */
    private static final Set<String> DROPPED_ANNOTATIONS =
            Set.of("kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision");

    private TemplatePruning() {}

    /** A pruned copy of {@code object}. */
    public static GenericKubernetesResource prune(GenericKubernetesResource object) {
        ObjectNode tree = SERIALIZATION.convertValue(object, ObjectNode.class);
        prune(tree);
        return SERIALIZATION.convertValue(tree, GenericKubernetesResource.class);
    }

    static void prune(ObjectNode tree) {
        tree.remove("status");
        if (tree.get("metadata") instanceof ObjectNode metadata) {
            metadata.retain(KEPT_METADATA);
            if (metadata.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(DROPPED_ANNOTATIONS);
                if (annotations.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
            if (metadata.get("labels") instanceof ObjectNode labels && labels.isEmpty()) {
                metadata.remove("labels");
            }
        }
        String group = group(tree.path("apiVersion").asText(""));
        String kind = tree.path("kind").asText("");
        if (!(tree.get("spec") instanceof ObjectNode spec)) {
            if (group.isEmpty() && kind.equals("ServiceAccount")) {
                tree.remove("secrets");
            }
            return;
        }
        if (!group.isEmpty()) {
            return;
        }
        switch (kind) {
            case "Service" -> service(spec);
            case "PersistentVolumeClaim" -> spec.remove("volumeName");
            case "Pod" -> spec.remove("nodeName");
            default -> {}
        }
    }

    private static void service(ObjectNode spec) {
        JsonNode clusterIp = spec.get("clusterIP");
        boolean headless = clusterIp != null && "None".equals(clusterIp.asText());
        if (!headless) {
            spec.remove(List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"));
        }
        spec.remove("healthCheckNodePort");
        if (spec.get("ports") instanceof ArrayNode ports) {
            for (JsonNode port : ports) {
                if (port instanceof ObjectNode p) {
                    p.remove("nodePort");
                }
            }
        }
    }

    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
