package io.meridian.controller.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.meridian.api.model.MeridianApi;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.policy.ResourceSelector;
import io.meridian.controller.binding.Bindings;
import io.meridian.controller.events.EventReasons;
import io.meridian.controller.events.EventRecorder;
import io.meridian.controller.federated.FederatedInformers;
import io.meridian.controller.federated.FederatedKind;
import io.meridian.reconciler.Reconciler;
import io.meridian.reconciler.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at all propagation policies at once: starts an informer for every kind they name (and every
 * kind a binding still refers to, and the dependency kinds), and reports, with an Event on the
 * policy, a policy that is invalid or names a kind the federation API does not serve. One key,
 * {@link #KEY}, stands for the whole set.
 */
public final class PolicyReconciler implements Reconciler<String> {

    private static final Logger log = LoggerFactory.getLogger(PolicyReconciler.class);

    /** The one key of this reconciler. */
    public static final String KEY = "policies";

    /** How soon a kind that could not be watched is tried again. */
    static final Duration RETRY = Duration.ofSeconds(30);

    private final FederatedInformers objects;
    private final Store<PropagationPolicy> policies;
    private final Store<ClusterPropagationPolicy> clusterPolicies;
    private final Bindings bindings;
    private final Collection<FederatedKind> alwaysWatched;
    private final EventRecorder events;

    public PolicyReconciler(
            FederatedInformers objects,
            Store<PropagationPolicy> policies,
            Store<ClusterPropagationPolicy> clusterPolicies,
            Bindings bindings,
            Collection<FederatedKind> alwaysWatched,
            EventRecorder events) {
        this.objects = objects;
        this.policies = policies;
        this.clusterPolicies = clusterPolicies;
        this.bindings = bindings;
        this.alwaysWatched = List.copyOf(alwaysWatched);
        this.events = events;
    }

    @Override
    public Result reconcile(String key) {
        Map<FederatedKind, List<HasMetadata>> named = new LinkedHashMap<>();
        List<HasMetadata> all = new ArrayList<>(policies.list());
        all.addAll(clusterPolicies.list());
        for (HasMetadata policy : all) {
            PropagationSpec spec = spec(policy);
            List<String> problems = PolicyValidation.validate(spec);
            if (!problems.isEmpty()) {
                events.warning(policy, EventReasons.INVALID_POLICY, "Validate", String.join("; ", problems));
            }
            if (spec == null) {
                continue;
            }
            for (ResourceSelector selector : spec.resourceSelectors()) {
                if (selector != null && selector.apiVersion() != null && selector.kind() != null) {
                    named.computeIfAbsent(
                                    new FederatedKind(selector.apiVersion(), selector.kind()), k -> new ArrayList<>())
                            .add(policy);
                }
            }
        }
        Set<FederatedKind> wanted = new LinkedHashSet<>(alwaysWatched);
        wanted.addAll(named.keySet());
        bindings.list().stream()
                .filter(b -> b.getSpec() != null && b.getSpec().resource() != null)
                .map(b -> FederatedKind.of(b.getSpec().resource()))
                .forEach(wanted::add);

        boolean failed = false;
        for (FederatedKind kind : wanted) {
            if (kind.group().equals(MeridianApi.GROUP)) {
                continue;
            }
            try {
                objects.ensure(kind);
            } catch (KubernetesClientException e) {
                failed = true;
                String message = "cannot watch " + kind.kind() + " (" + kind.apiVersion() + "): " + e.getMessage();
                log.warn("{}", message);
                for (HasMetadata policy : named.getOrDefault(kind, List.of())) {
                    events.warning(policy, EventReasons.UNKNOWN_KIND, "Watch", message);
                }
            }
        }
        return failed ? Result.requeueAfter(RETRY) : Result.DONE;
    }

    private static PropagationSpec spec(HasMetadata policy) {
        return switch (policy) {
            case PropagationPolicy p -> p.getSpec();
            case ClusterPropagationPolicy p -> p.getSpec();
            default -> null;
        };
    }
}
