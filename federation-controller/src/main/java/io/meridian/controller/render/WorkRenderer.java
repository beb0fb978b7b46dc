package io.meridian.controller.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.names.Finalizers;
import io.meridian.api.model.names.MeridianAnnotations;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.override.ClusterOverridePolicy;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.api.model.work.Work;
import io.meridian.api.model.work.WorkSpec;
import io.meridian.api.model.work.WorkloadTemplate;
import io.meridian.controller.binding.Bindings;
import io.meridian.controller.matching.OverrideMatch;
import io.meridian.controller.matching.OverridePolicyMatcher;
import io.meridian.controller.matching.ResourceIdentity;
import io.meridian.controller.overrides.OverrideApplier;
import io.meridian.controller.overrides.OverrideFailure;
import io.meridian.controller.overrides.OverrideResult;
import io.meridian.controller.overrides.OverrideTarget;
import io.meridian.controller.overrides.RuleRef;
import io.meridian.membersync.interpreter.DependentObjectReference;
import io.meridian.membersync.interpreter.ResourceInterpreter;
import io.meridian.reconciler.ObjectKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes the Work each target cluster of a binding should hold: the federated object pruned of
 * what the federation API set on it ({@link TemplatePruning}), its replicas divided by the
 * interpreter for the cluster's share, then the override policies that target the cluster, then,
 * when the binding propagates dependencies, the ConfigMaps, Secrets, ServiceAccounts and
 * PersistentVolumeClaims its pod template refers to (overridden the same way).
 *
 * <p>A cluster for which an override rule fails gets no Work here: its current Work must stay as it
 * is, and the failure is reported instead. Pure: the same inputs give the same Works.
 */
public final class WorkRenderer {

    /**
     * Everything one rendering needs.
     *
     * @param bindingKey the binding
     * @param spec the binding's spec; its {@code clusters} are the targets
     * @param template the federated object as the API holds it
     * @param clusters the Clusters by name, for override rules that target regions or labels
     * @param overridePolicies every OverridePolicy
     * @param clusterOverridePolicies every ClusterOverridePolicy
     * @param dependencies finds a dependency in the federation API
     */
    public record Inputs(
            ObjectKey bindingKey,
            ResourceBindingSpec spec,
            GenericKubernetesResource template,
            Map<String, Cluster> clusters,
            Collection<OverridePolicy> overridePolicies,
            Collection<ClusterOverridePolicy> clusterOverridePolicies,
            Function<DependentObjectReference, Optional<GenericKubernetesResource>> dependencies) {}

    /** What one cluster gets. */
    public sealed interface Outcome {
        String cluster();
    }

    /**
     * The Work the cluster should hold (namespace, name, labels, annotations, finalizer and spec).
     *
     * @param overrides the override policies applied, as the annotation lists them
     */
    public record Rendered(String cluster, Work work, List<String> overrides) implements Outcome {}

    /** Override rules failed for the cluster; its Work must stay as it is. */
    public record Failed(String cluster, List<OverrideFailure> failures) implements Outcome {
        public String message() {
            return failures.stream().map(OverrideFailure::describe).collect(Collectors.joining("; "));
        }
    }

    /**
     * The outcome for each target cluster, in the order of {@code spec.clusters}.
     *
     * @param dependencies the dependencies the object refers to, when the binding propagates them
     * @param missing those of them that do not exist in the federation API (left out of the Works)
     */
    public record Rendering(
            Map<String, Outcome> byCluster,
            List<DependentObjectReference> dependencies,
            List<DependentObjectReference> missing) {

        public List<Failed> failures() {
            return byCluster.values().stream()
                    .filter(Failed.class::isInstance)
                    .map(Failed.class::cast)
                    .toList();
        }
    }

    private final ResourceInterpreter interpreter;

    public WorkRenderer(ResourceInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    public Rendering render(Inputs in) {
        ResourceBindingSpec spec = in.spec();
        GenericKubernetesResource base = TemplatePruning.prune(in.template());
        List<TargetCluster> targets = spec.clusters();
        Map<String, GenericKubernetesResource> divided = interpreter.divideReplicas(base, targets);

        List<DependentObjectReference> dependencies =
                Boolean.FALSE.equals(spec.propagateDeps()) ? List.of() : interpreter.dependencies(in.template());
        List<DependentObjectReference> missing = new ArrayList<>();
        List<GenericKubernetesResource> dependents = new ArrayList<>();
        for (DependentObjectReference reference : dependencies) {
            Optional<GenericKubernetesResource> dependency = in.dependencies().apply(reference);
            if (dependency.isPresent()) {
                dependents.add(TemplatePruning.prune(dependency.get()));
            } else {
                missing.add(reference);
            }
        }

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (TargetCluster target : targets) {
            String cluster = target.name();
            Cluster object = in.clusters().get(cluster);
            OverrideTarget overrideTarget =
                    object != null ? OverrideTarget.of(object) : new OverrideTarget(cluster, null, null);
            List<GenericKubernetesResource> manifests = new ArrayList<>();
            manifests.add(divided.getOrDefault(cluster, base));
            manifests.addAll(dependents);

            List<GenericKubernetesResource> overridden = new ArrayList<>();
            List<OverrideFailure> failures = new ArrayList<>();
            Set<String> applied = new LinkedHashSet<>();
            for (GenericKubernetesResource manifest : manifests) {
                List<OverrideMatch> matches = OverridePolicyMatcher.match(
                        ResourceIdentity.of(manifest), in.overridePolicies(), in.clusterOverridePolicies());
                if (matches.isEmpty()) {
                    overridden.add(manifest);
                    continue;
                }
                OverrideResult result = OverrideApplier.apply(manifest, overrideTarget, matches);
                failures.addAll(result.failures());
                result.applied().stream().map(WorkRenderer::policyName).forEach(applied::add);
                overridden.add(OverrideApplier.toResource(result));
            }
            if (!failures.isEmpty()) {
                outcomes.put(cluster, new Failed(cluster, List.copyOf(failures)));
                continue;
            }
            outcomes.put(cluster, new Rendered(cluster, work(in, cluster, overridden, applied), List.copyOf(applied)));
        }
        return new Rendering(outcomes, List.copyOf(dependencies), List.copyOf(missing));
    }

    private static Work work(
            Inputs in, String cluster, List<GenericKubernetesResource> manifests, Set<String> overrides) {
        ResourceBindingSpec spec = in.spec();
        GenericKubernetesResource template = in.template();
        ObjectMetaBuilder metadata = new ObjectMetaBuilder()
                .withNamespace(Namespaces.executionNamespace(cluster))
                .withName(workName(template))
                .withLabels(Bindings.workLabels(in.bindingKey(), cluster))
                .withFinalizers(Finalizers.CLEANUP);
        if (!overrides.isEmpty()) {
            metadata.addToAnnotations(MeridianAnnotations.APPLIED_OVERRIDES, String.join(",", overrides));
        }
        Work work = new Work();
        work.setMetadata(metadata.build());
        work.setSpec(new WorkSpec(
                new WorkloadTemplate(manifests),
                Boolean.TRUE.equals(spec.suspend()) ? Boolean.TRUE : null,
                spec.applyStrategy(),
                spec.conflictResolution()));
        return work;
    }

    /** The name of the Works that carry {@code template}, in every execution namespace. */
    public static String workName(GenericKubernetesResource template) {
        return ResourceNames.workName(
                template.getKind(),
                template.getMetadata().getNamespace(),
                template.getMetadata().getName());
    }

    private static String policyName(RuleRef rule) {
        return rule.policyNamespace() == null ? rule.policyName() : rule.policyNamespace() + "/" + rule.policyName();
    }

    /**
     * Whether two Work specs hold the same content, compared as JSON read back by one parser (so
     * that a number read from the API compares equal to the number rendered).
     */
    public static boolean sameSpec(WorkSpec a, WorkSpec b) {
        return canonical(a).equals(canonical(b));
    }

    private static JsonNode canonical(WorkSpec spec) {
        return TemplatePruning.SERIALIZATION.unmarshal(TemplatePruning.SERIALIZATION.asJson(spec), JsonNode.class);
    }
}
