package io.meridian.fedctl.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.MeridianApi;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.Placement;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.work.PolicyKind;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.controller.matching.PropagationMatch;
import io.meridian.controller.matching.PropagationPolicyMatcher;
import io.meridian.controller.matching.ResourceIdentity;
import io.meridian.controller.scheduling.ClusterCandidate;
import io.meridian.controller.scheduling.Scheduler;
import io.meridian.controller.scheduling.SchedulingRequest;
import io.meridian.controller.scheduling.SchedulingResult;
import io.meridian.fedctl.UserError;
import io.meridian.fedctl.connect.ApiKind;
import io.meridian.fedctl.connect.Federation;
import io.meridian.membersync.interpreter.DependentObjectReference;
import io.meridian.membersync.interpreter.InterpreterRegistry;
import io.meridian.membersync.interpreter.WorkloadReplicas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Works out what an apply will do before anything is written: which kind each manifest is and in
 * which namespace it lands, which policies the shortcuts generate, and which policy places each
 * object. For a dry run it also schedules each object with the controller's own matcher and
 * scheduler (compiled into fedctl from the controller's sources), against the clusters as they are
 * now, keeping each object's current placement where the policy allows, as the controller does.
 */
final class Planner {

    /** A manifest whose kind the federation serves, with its namespace settled. */
    record Resolved(Manifest manifest, ApiKind kind) {}

    /**
     * Where one object goes.
     *
     * @param object the object
     * @param match the policy that places it; null if none does
     * @param result the scheduling result, for a dry run; null otherwise or without a policy
     * @param follows the object it goes along with as a dependency, when no policy of its own places it
     */
    record Planned(Resolved object, PropagationMatch match, SchedulingResult result, String follows) {}

    /**
     * @param toApply every object to write, generated policies included, in apply order
     * @param placements one entry per object that policies could place (not the policies themselves)
     * @param generated a note per generated policy
     */
    record Plan(List<Resolved> toApply, List<Planned> placements, List<String> generated) {}

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final PlanningSource federation;
    private final InterpreterRegistry interpreter = InterpreterRegistry.withBuiltIns();

    Planner(Federation federation) {
        this(new FederationSource(federation));
    }

    Planner(PlanningSource federation) {
        this.federation = federation;
    }

    /**
     * Checks every manifest's kind against discovery and settles its namespace: the manifest's,
     * else {@code -n}, else the context's; cluster-scoped objects lose any namespace.
     *
     * @param explicitNamespace {@code -n}, or null
     */
    List<Resolved> resolve(List<Manifest> manifests, String explicitNamespace) {
        List<Resolved> resolved = new ArrayList<>();
        for (Manifest m : manifests) {
            ApiKind kind = federation
                    .kind(m.apiVersion(), m.kind())
                    .orElseThrow(() -> new UserError(m.source() + ": " + federation.describe() + " does not serve kind "
                            + m.kind() + " of " + m.apiVersion() + "; check kind and apiVersion"
                            + " ('kubectl api-resources' lists what it serves)"));
            GenericKubernetesResource object = SERIALIZATION.clone(m.object());
            if (kind.namespaced()) {
                String own = m.namespace();
                if (own != null && explicitNamespace != null && !own.equals(explicitNamespace)) {
                    throw new UserError(m.source() + ": " + m.describe() + " says namespace '" + own + "' but -n says '"
                            + explicitNamespace + "'; drop -n or change the manifest");
                }
                object.getMetadata()
                        .setNamespace(
                                own != null
                                        ? own
                                        : explicitNamespace != null
                                                ? explicitNamespace
                                                : federation.defaultNamespace());
            } else {
                object.getMetadata().setNamespace(null);
            }
            resolved.add(new Resolved(new Manifest(m.source(), object), kind));
        }
        return resolved;
    }

    /** The plan; {@code schedule} also runs the scheduler for every placed object (a dry run). */
    Plan plan(List<Resolved> resolved, PolicyShortcuts shortcuts, boolean schedule) {
        Map<String, PropagationPolicy> policies = new LinkedHashMap<>();
        Map<String, ClusterPropagationPolicy> clusterPolicies = new LinkedHashMap<>();
        Set<String> namespaces = new LinkedHashSet<>();
        resolved.stream()
                .map(r -> r.manifest().namespace())
                .filter(Objects::nonNull)
                .forEach(namespaces::add);
        for (String ns : namespaces) {
            for (PropagationPolicy p : federation.propagationPolicies(ns)) {
                policies.put(ns + "/" + p.getMetadata().getName(), p);
            }
        }
        for (ClusterPropagationPolicy p : federation.clusterPropagationPolicies()) {
            clusterPolicies.put(p.getMetadata().getName(), p);
        }
        Set<String> inFiles = new LinkedHashSet<>();
        for (Resolved r : resolved) {
            Manifest m = r.manifest();
            if (!PolicyShortcuts.isMeridian(m)) {
                continue;
            }
            if (m.kind().equals("PropagationPolicy")) {
                policies.put(m.namespace() + "/" + m.name(), typed(m, PropagationPolicy.class));
                inFiles.add("PropagationPolicy " + m.namespace() + "/" + m.name());
            } else if (m.kind().equals("ClusterPropagationPolicy")) {
                clusterPolicies.put(m.name(), typed(m, ClusterPropagationPolicy.class));
                inFiles.add("ClusterPropagationPolicy " + m.name());
            }
        }

        List<Resolved> toApply = new ArrayList<>(resolved);
        List<String> generated = new ArrayList<>();
        if (shortcuts.any()) {
            generate(resolved, shortcuts, policies, clusterPolicies, inFiles, toApply, generated);
        }

        List<Planned> placements = new ArrayList<>();
        for (Resolved r : resolved) {
            if (PolicyShortcuts.isMeridian(r.manifest())) {
                continue;
            }
            Optional<PropagationMatch> match = PropagationPolicyMatcher.match(
                    ResourceIdentity.of(r.manifest().object()), policies.values(), clusterPolicies.values());
            SchedulingResult result = schedule && match.isPresent() ? schedule(r, match.get()) : null;
            placements.add(new Planned(r, match.orElse(null), result, null));
        }
        return new Plan(ApplyOrder.sort(toApply, r -> r.manifest().kind()), withDependencies(placements), generated);
    }

    private void generate(
            List<Resolved> resolved,
            PolicyShortcuts shortcuts,
            Map<String, PropagationPolicy> policies,
            Map<String, ClusterPropagationPolicy> clusterPolicies,
            Set<String> inFiles,
            List<Resolved> toApply,
            List<String> notes) {
        // what a workload references (its ConfigMaps, Secrets...) goes along with it: no policy of its own
        Set<String> dependencies = new LinkedHashSet<>();
        for (Resolved r : resolved) {
            for (DependentObjectReference d :
                    interpreter.dependencies(r.manifest().object())) {
                dependencies.add(d.kind() + "/" + d.namespace() + "/" + d.name());
            }
        }
        List<Manifest> eligible = resolved.stream()
                .map(Resolved::manifest)
                .filter(m -> !PolicyShortcuts.isMeridian(m) && !m.kind().equals("Namespace"))
                .filter(m -> !dependencies.contains(m.kind() + "/" + m.namespace() + "/" + m.name()))
                .toList();
        if (eligible.isEmpty()) {
            throw new UserError(shortcuts.describe() + " place workloads, and the files hold none");
        }
        Placement placement = shortcuts.placement(clusters());
        for (GenericKubernetesResource g : PolicyShortcuts.policies(eligible, placement)) {
            boolean namespaced = g.getMetadata().getNamespace() != null;
            String key = namespaced
                    ? g.getMetadata().getNamespace() + "/" + g.getMetadata().getName()
                    : g.getMetadata().getName();
            String label = (namespaced ? "PropagationPolicy " : "ClusterPropagationPolicy ") + key;
            if (inFiles.contains(label)) {
                throw new UserError("the files already define " + label + ", which " + shortcuts.describe()
                        + " would generate; drop one of them");
            }
            HasMetadata existing = namespaced ? policies.remove(key) : clusterPolicies.remove(key);
            PropagationSpec spec =
                    SERIALIZATION.convertValue(g, PropagationPolicy.class).getSpec();
            int priority = 0;
            List<String> outranked = new ArrayList<>();
            for (Manifest m : eligible) {
                boolean selected = spec.resourceSelectors().stream()
                        .anyMatch(s -> s.matches(
                                m.apiVersion(),
                                m.kind(),
                                m.namespace(),
                                m.name(),
                                m.object().getMetadata().getLabels()));
                if (!selected) {
                    continue;
                }
                Optional<PropagationMatch> other = PropagationPolicyMatcher.match(
                        ResourceIdentity.of(m.object()), policies.values(), clusterPolicies.values());
                if (other.isPresent()) {
                    String by = PropagationMatch.describe(other.get().policy());
                    if (!shortcuts.overwrite()) {
                        throw new UserError(m.describe() + " is already placed by " + by + "; drop "
                                + shortcuts.describe() + " to keep that placement, or add --overwrite-policy to"
                                + " replace it");
                    }
                    boolean sameScope = (other.get().policy().kind() == PolicyKind.PROPAGATION_POLICY) == namespaced;
                    if (sameScope) {
                        priority = Math.max(priority, other.get().priority() + 1);
                    }
                    outranked.add(by);
                }
            }
            if (existing != null && !PolicyShortcuts.generated(existing) && !shortcuts.overwrite()) {
                throw new UserError(label + " exists and fedctl did not generate it; add --overwrite-policy to replace"
                        + " it with " + shortcuts.describe());
            }
            if (priority > 0) {
                Map<String, Object> specMap =
                        castMap(g.getAdditionalProperties().get("spec"));
                specMap.put("priority", priority);
            }
            GenericKubernetesResource policyObject = g;
            if (namespaced) {
                policies.put(key, typed(policyObject, PropagationPolicy.class));
            } else {
                clusterPolicies.put(key, typed(policyObject, ClusterPropagationPolicy.class));
            }
            ApiKind kind = federation
                    .kind(MeridianApi.API_VERSION, policyObject.getKind())
                    .orElseThrow(() -> new UserError(federation.describe() + " does not serve " + policyObject.getKind()
                            + " of " + MeridianApi.API_VERSION + "; is it a Meridian federation API?"));
            toApply.add(new Resolved(new Manifest("generated from " + shortcuts.describe(), policyObject), kind));
            notes.add(label + " generated from " + shortcuts.describe()
                    + (outranked.isEmpty() ? "" : "; it takes precedence over " + String.join(", ", outranked)));
        }
    }

    private SchedulingResult schedule(Resolved r, PropagationMatch match) {
        GenericKubernetesResource object = r.manifest().object();
        Optional<WorkloadReplicas> replicas = interpreter.replicas(object);
        Map<String, Quantity> requests =
                replicas.map(WorkloadReplicas::requestsPerReplica).orElse(Map.of());
        PropagationSpec spec = match.spec();
        return Scheduler.schedule(SchedulingRequest.builder()
                .replicas(replicas.map(WorkloadReplicas::replicas).orElse(null))
                .replicaRequest(requests)
                .placement(spec.placement())
                .failover(spec.failover())
                .clusters(clusters().stream().map(ClusterCandidate::from).toList())
                .previous(previous(r))
                .build());
    }

    /** Where the object is placed now, which the scheduler keeps where it can. */
    private List<TargetCluster> previous(Resolved r) {
        Manifest m = r.manifest();
        return federation.currentPlacement(m.kind(), m.namespace(), m.name());
    }

    /** Marks objects with no policy of their own that a placed workload takes along. */
    private List<Planned> withDependencies(List<Planned> placements) {
        Map<String, String> follows = new LinkedHashMap<>();
        for (Planned p : placements) {
            if (p.match() == null || !p.match().spec().effectivePropagateDeps()) {
                continue;
            }
            for (DependentObjectReference d :
                    interpreter.dependencies(p.object().manifest().object())) {
                follows.putIfAbsent(
                        d.kind() + "/" + d.namespace() + "/" + d.name(),
                        p.object().manifest().ref());
            }
        }
        List<Planned> result = new ArrayList<>();
        for (Planned p : placements) {
            Manifest m = p.object().manifest();
            String key = m.kind() + "/" + m.namespace() + "/" + m.name();
            String by = p.match() == null ? follows.get(key) : null;
            result.add(by == null ? p : new Planned(p.object(), null, null, by));
        }
        return result;
    }

    List<Cluster> clusters() {
        return federation.clusters();
    }

    private static <T> T typed(Manifest m, Class<T> type) {
        try {
            return SERIALIZATION.convertValue(m.object(), type);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            int nl = message.indexOf('\n');
            throw new UserError(m.source() + ": " + m.describe() + " cannot be read: "
                    + (nl < 0 ? message : message.substring(0, nl)));
        }
    }

    private static <T> T typed(GenericKubernetesResource object, Class<T> type) {
        return SERIALIZATION.convertValue(object, type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
