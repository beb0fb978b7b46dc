package io.meridian.membersync.interpreter;

/**
 * An object a workload needs in the same cluster to run: a ConfigMap, Secret, ServiceAccount or
 * PersistentVolumeClaim its pod template refers to.
 *
 * @param apiVersion always {@code v1} for the kinds found today
 * @param kind ConfigMap, Secret, ServiceAccount or PersistentVolumeClaim
 * @param namespace the workload's namespace (null when the workload has none)
 * @param name the referenced object's name
 */
public record DependentObjectReference(String apiVersion, String kind, String namespace, String name) {

    static DependentObjectReference core(String kind, String namespace, String name) {
        return new DependentObjectReference("v1", kind, namespace, name);
    }
}
