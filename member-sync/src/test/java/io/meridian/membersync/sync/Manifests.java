package io.meridian.membersync.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.names.Finalizers;
import io.meridian.api.model.policy.ApplyStrategy;
import io.meridian.api.model.policy.ConflictResolution;
import io.meridian.api.model.work.Work;
import io.meridian.api.model.work.WorkSpec;
import io.meridian.api.model.work.WorkloadTemplate;
import java.util.ArrayList;
import java.util.List;

/** Manifests and Works for the syncer's tests, as the renderer would write them. */
public final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {}

    public static GenericKubernetesResource yaml(String yaml) {
        return SERIALIZATION.unmarshal(yaml, GenericKubernetesResource.class);
    }

    public static GenericKubernetesResource deployment(String namespace, String name, int replicas) {
        return deployment(namespace, name, replicas, "nginx:1.27");
    }

    public static GenericKubernetesResource deployment(String namespace, String name, int replicas, String image) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: %s
                  labels: {app: %1$s}
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                      - name: web
                        image: %s
                        envFrom:
                        - configMapRef: {name: %1$s-config}
                """.formatted(name, namespace, replicas, image));
    }

    public static GenericKubernetesResource configMap(String namespace, String name, String value) {
        return yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: %s
                data:
                  greeting: %s
                """.formatted(name, namespace, value));
    }

    public static GenericKubernetesResource service(String namespace, String name, int port) {
        return yaml("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  selector: {app: %1$s}
                  ports:
                  - name: http
                    port: %d
                    targetPort: 8080
                """.formatted(name, namespace, port));
    }

    /** A Work with the cleanup finalizer, as the renderer creates it. */
    public static Work work(String namespace, String name, GenericKubernetesResource... manifests) {
        Work work = new Work(namespace, name, WorkSpec.of(WorkloadTemplate.of(manifests)));
        work.getMetadata().setFinalizers(new ArrayList<>(List.of(Finalizers.CLEANUP)));
        return work;
    }

    /** The same Work with other manifests. */
    public static WorkSpec withManifests(WorkSpec spec, GenericKubernetesResource... manifests) {
        return new WorkSpec(
                WorkloadTemplate.of(manifests),
                spec.suspendDispatching(),
                spec.applyStrategy(),
                spec.conflictResolution());
    }

    public static WorkSpec withStrategy(WorkSpec spec, ApplyStrategy strategy) {
        return new WorkSpec(spec.workload(), spec.suspendDispatching(), strategy, spec.conflictResolution());
    }

    public static WorkSpec withResolution(WorkSpec spec, ConflictResolution resolution) {
        return new WorkSpec(spec.workload(), spec.suspendDispatching(), spec.applyStrategy(), resolution);
    }

    public static WorkSpec suspended(WorkSpec spec, boolean suspended) {
        return new WorkSpec(spec.workload(), suspended, spec.applyStrategy(), spec.conflictResolution());
    }
}
