package io.meridian.fedctl.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.names.MeridianAnnotations;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.work.ClusterResourceBinding;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceBindingStatus;
import io.meridian.api.model.work.Work;
import io.meridian.controller.matching.PropagationMatch;
import io.meridian.fedctl.ExitCodes;
import io.meridian.fedctl.FederationCommand;
import io.meridian.fedctl.UserError;
import io.meridian.fedctl.connect.ApiKind;
import io.meridian.fedctl.connect.Federation;
import io.meridian.fedctl.output.Documents;
import io.meridian.fedctl.output.OutputOptions;
import io.meridian.fedctl.rollout.ClusterHealth;
import io.meridian.fedctl.rollout.ClusterProgress;
import io.meridian.fedctl.rollout.Readiness;
import io.meridian.fedctl.rollout.Target;
import io.meridian.fedctl.rollout.WorkloadProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fedctl status KIND/NAME}: one federated object, cluster by cluster. */
@Command(
        name = "status",
        description = {
            "Show one federated object cluster by cluster: the policy that places it, the replicas assigned to"
                    + " each cluster, whether each applied it, ready replicas and health, the conditions of its"
                    + " binding and Works, and recent events.",
            "KIND is what kubectl accepts: deployment, deploy, deployments.apps, Deployment..."
        })
public final class StatusCommand extends FederationCommand {

    static final int EVENTS = 10;

    @Parameters(paramLabel = "KIND/NAME", description = "The object, such as deployment/web.")
    String object;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NAMESPACE",
            description = "The object's namespace (default: the context's, else default).")
    String namespace;

    @Mixin
    OutputOptions output;

    private String kindText;
    private String name;

    @Override
    protected void prepare() {
        int slash = object.indexOf('/');
        if (slash <= 0 || slash == object.length() - 1 || object.indexOf('/', slash + 1) >= 0) {
            throw new UserError("'" + object + "' is not KIND/NAME; try, for example, fedctl status deployment/web");
        }
        kindText = object.substring(0, slash);
        name = object.substring(slash + 1);
    }

    @Override
    protected String namespaceOption() {
        return namespace;
    }

    @Override
    protected int run(Federation federation) {
        KubernetesClient client = federation.client();
        ApiKind kind = federation
                .discovery()
                .lookup(kindText)
                .orElseThrow(() -> new UserError("unknown kind '" + kindText + "': " + federation.describe()
                        + " serves no such resource ('kubectl api-resources' lists what it serves)"));
        String ns = kind.namespaced() ? federation.namespace() : null;
        var resources = client.genericKubernetesResources(kind.context());
        GenericKubernetesResource found = ns == null
                ? resources.withName(name).get()
                : resources.inNamespace(ns).withName(name).get();
        if (found == null) {
            throw new UserError(kind.lowerKind() + " '" + name + "' not found"
                    + (ns == null ? "" : " in namespace '" + ns + "'") + "; check the name, or the namespace with -n");
        }
        StatusReport report = report(client, kind, ns, found);
        if (output.format() != null) {
            Documents.print(out(), report, output.format());
        } else {
            StatusView.print(report, Instant.now(), out(), terminal());
        }
        return ExitCodes.OK;
    }

    private StatusReport report(KubernetesClient client, ApiKind kind, String ns, GenericKubernetesResource found) {
        Target target = new Target(
                kind.apiVersion(),
                kind.kind(),
                ns,
                name,
                found.getMetadata().getUid(),
                found.getMetadata().getGeneration());
        String bindingName = ResourceNames.bindingName(kind.kind(), name);
        CustomResource<ResourceBindingSpec, ResourceBindingStatus> binding = ns == null
                ? client.resources(ClusterResourceBinding.class)
                        .withName(bindingName)
                        .get()
                : client.resources(ResourceBinding.class)
                        .inNamespace(ns)
                        .withName(bindingName)
                        .get();
        Map<String, ClusterHealth> members = new HashMap<>();
        for (Cluster c : client.resources(Cluster.class).list().getItems()) {
            members.put(c.getMetadata().getName(), ClusterHealth.of(c));
        }
        WorkloadProgress progress = Readiness.evaluate(target, binding, found, members);
        ResourceBindingSpec spec = binding == null ? null : binding.getSpec();
        String workName = ResourceNames.workName(kind.kind(), ns, name);

        List<StatusReport.ClusterStatus> clusters = new ArrayList<>();
        Set<String> eventNamespaces = new LinkedHashSet<>();
        eventNamespaces.add(ns == null ? "default" : ns);
        for (ClusterProgress c : progress.clusters()) {
            String execution = Namespaces.executionNamespace(c.cluster());
            Work work = client.resources(Work.class)
                    .inNamespace(execution)
                    .withName(workName)
                    .get();
            if (work != null) {
                eventNamespaces.add(execution);
            }
            clusters.add(new StatusReport.ClusterStatus(
                    c.cluster(),
                    c.clusterState(),
                    c.replicas(),
                    c.applied(),
                    c.readyReplicas(),
                    c.healthText(),
                    c.message(),
                    work == null ? null : execution + "/" + workName,
                    work == null || work.getStatus() == null
                            ? List.of()
                            : work.getStatus().conditions(),
                    overrides(work)));
        }
        Set<String> about = Set.of(name, bindingName, workName);
        List<StatusReport.EventLine> events = events(client, eventNamespaces, about, kind.kind());
        List<Condition> conditions = binding == null || binding.getStatus() == null
                ? List.of()
                : binding.getStatus().conditions();
        return new StatusReport(
                kind.kind(),
                ns,
                name,
                spec == null || spec.policy() == null ? null : PropagationMatch.describe(spec.policy()),
                binding == null ? null : bindingName,
                progress.phase().toString(),
                binding == null ? "no policy selects it; it stays in the federation API" : progress.summary(),
                spec == null ? null : spec.replicas(),
                clusters,
                conditions,
                events);
    }

    /** The override policies the renderer applied for the Work's cluster, from its annotation. */
    private static String overrides(Work work) {
        if (work == null || work.getMetadata().getAnnotations() == null) {
            return null;
        }
        return work.getMetadata().getAnnotations().get(MeridianAnnotations.APPLIED_OVERRIDES);
    }

    private static List<StatusReport.EventLine> events(
            KubernetesClient client, Set<String> namespaces, Set<String> about, String kind) {
        List<Event> found = new ArrayList<>();
        for (String ns : namespaces) {
            try {
                client.events().v1().events().inNamespace(ns).list().getItems().stream()
                        .filter(e -> e.getRegarding() != null
                                && about.contains(e.getRegarding().getName()))
                        .filter(e -> relevant(e, kind))
                        .forEach(found::add);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 && e.getCode() != 403) {
                    throw e;
                }
            }
        }
        found.sort(Comparator.comparing(StatusCommand::time));
        List<Event> recent = found.subList(Math.max(0, found.size() - EVENTS), found.size());
        return recent.stream()
                .map(e -> new StatusReport.EventLine(time(e), e.getType(), e.getReason(), about(e), e.getNote()))
                .toList();
    }

    /** {@code deployment/web}; a Work also names its cluster, since every cluster has one of that name. */
    private static String about(Event e) {
        String ref = e.getRegarding().getKind().toLowerCase(java.util.Locale.ROOT) + "/"
                + e.getRegarding().getName();
        String ns = e.getRegarding().getNamespace();
        if (!"Work".equals(e.getRegarding().getKind()) || ns == null) {
            return ref;
        }
        return Namespaces.clusterOf(ns)
                .map(cluster -> ref + " (" + cluster + ")")
                .orElse(ref);
    }

    private static boolean relevant(Event e, String kind) {
        String k = e.getRegarding().getKind();
        return kind.equals(k) || "ResourceBinding".equals(k) || "ClusterResourceBinding".equals(k) || "Work".equals(k);
    }

    private static String time(Event e) {
        if (e.getSeries() != null && e.getSeries().getLastObservedTime() != null) {
            return e.getSeries().getLastObservedTime().getTime();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        if (e.getDeprecatedLastTimestamp() != null) {
            return e.getDeprecatedLastTimestamp();
        }
        return e.getMetadata().getCreationTimestamp() == null
                ? ""
                : e.getMetadata().getCreationTimestamp();
    }
}
