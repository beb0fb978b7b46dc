package io.meridian.apiserver.builtin;

import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The native Kubernetes kinds the server stores as they are, with the names, scope and
 * subresources kube-apiserver gives them. In member mode these are all it serves.
 */
public final class BuiltinKinds {

    private BuiltinKinds() {}

    private record Def(
            String group,
            String version,
            String kind,
            String plural,
            List<String> shortNames,
            List<String> categories,
            boolean namespaced,
            boolean status,
            ResourceType.ScaleSubresource scale) {}

    private static final ResourceType.ScaleSubresource REPLICAS =
            new ResourceType.ScaleSubresource(".spec.replicas", ".status.replicas", ".spec.selector");

    private static final List<Def> DEFS = List.of(
            new Def("", "v1", "Namespace", "namespaces", List.of("ns"), List.of(), false, true, null),
            new Def("", "v1", "ConfigMap", "configmaps", List.of("cm"), List.of(), true, false, null),
            new Def("", "v1", "Secret", "secrets", List.of(), List.of(), true, false, null),
            new Def("", "v1", "Service", "services", List.of("svc"), List.of("all"), true, true, null),
            new Def("", "v1", "ServiceAccount", "serviceaccounts", List.of("sa"), List.of(), true, false, null),
            new Def("", "v1", "Node", "nodes", List.of("no"), List.of(), false, true, null),
            new Def("", "v1", "Pod", "pods", List.of("po"), List.of("all"), true, true, null),
            new Def("", "v1", "Event", "events", List.of("ev"), List.of(), true, false, null),
            new Def(
                    "",
                    "v1",
                    "PersistentVolumeClaim",
                    "persistentvolumeclaims",
                    List.of("pvc"),
                    List.of(),
                    true,
                    true,
                    null),
            new Def("", "v1", "Endpoints", "endpoints", List.of("ep"), List.of(), true, false, null),
            new Def("", "v1", "ResourceQuota", "resourcequotas", List.of("quota"), List.of(), true, true, null),
            new Def("", "v1", "LimitRange", "limitranges", List.of("limits"), List.of(), true, false, null),
            new Def("apps", "v1", "Deployment", "deployments", List.of("deploy"), List.of("all"), true, true, REPLICAS),
            new Def("apps", "v1", "StatefulSet", "statefulsets", List.of("sts"), List.of("all"), true, true, REPLICAS),
            new Def("apps", "v1", "DaemonSet", "daemonsets", List.of("ds"), List.of("all"), true, true, null),
            new Def("apps", "v1", "ReplicaSet", "replicasets", List.of("rs"), List.of("all"), true, true, REPLICAS),
            new Def("apps", "v1", "ControllerRevision", "controllerrevisions", List.of(), List.of(), true, false, null),
            new Def("batch", "v1", "Job", "jobs", List.of(), List.of("all"), true, true, null),
            new Def("batch", "v1", "CronJob", "cronjobs", List.of("cj"), List.of("all"), true, true, null),
            new Def("networking.k8s.io", "v1", "Ingress", "ingresses", List.of("ing"), List.of(), true, true, null),
            new Def(
                    "networking.k8s.io",
                    "v1",
                    "IngressClass",
                    "ingressclasses",
                    List.of(),
                    List.of(),
                    false,
                    false,
                    null),
            new Def(
                    "networking.k8s.io",
                    "v1",
                    "NetworkPolicy",
                    "networkpolicies",
                    List.of("netpol"),
                    List.of(),
                    true,
                    false,
                    null),
            new Def("coordination.k8s.io", "v1", "Lease", "leases", List.of(), List.of(), true, false, null),
            new Def("events.k8s.io", "v1", "Event", "events", List.of("ev"), List.of(), true, false, null),
            new Def(
                    "autoscaling",
                    "v2",
                    "HorizontalPodAutoscaler",
                    "horizontalpodautoscalers",
                    List.of("hpa"),
                    List.of("all"),
                    true,
                    true,
                    null),
            new Def(
                    "autoscaling",
                    "v1",
                    "HorizontalPodAutoscaler",
                    "horizontalpodautoscalers",
                    List.of("hpa"),
                    List.of("all"),
                    true,
                    true,
                    null),
            new Def(
                    "policy",
                    "v1",
                    "PodDisruptionBudget",
                    "poddisruptionbudgets",
                    List.of("pdb"),
                    List.of(),
                    true,
                    true,
                    null),
            new Def(
                    "apiextensions.k8s.io",
                    "v1",
                    "CustomResourceDefinition",
                    "customresourcedefinitions",
                    List.of("crd", "crds"),
                    List.of("api-extensions"),
                    false,
                    true,
                    null));

    /** Every built-in type, with schemas from {@code schemas} (kind → schema, ANY when unknown). */
    public static List<ResourceType> all(Function<ResourceType, SchemaNode> schemas) {
        List<ResourceType> out = new ArrayList<>();
        for (Def d : DEFS) {
            ResourceType bare = type(d, SchemaNode.ANY);
            SchemaNode schema = schemas.apply(bare);
            out.add(type(d, schema == null ? SchemaNode.ANY : schema));
        }
        return out;
    }

    private static ResourceType type(Def d, SchemaNode schema) {
        return new ResourceType(
                d.group(),
                d.version(),
                d.kind(),
                d.plural(),
                d.kind().toLowerCase(),
                d.shortNames(),
                d.categories(),
                d.namespaced(),
                d.status(),
                d.scale(),
                schema,
                d.kind() + "List");
    }
}
