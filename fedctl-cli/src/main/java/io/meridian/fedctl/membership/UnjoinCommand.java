package io.meridian.fedctl.membership;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.SecretReference;
import io.meridian.api.model.meta.Taint;
import io.meridian.api.model.meta.TaintEffect;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.TaintKeys;
import io.meridian.fedctl.DurationConverter;
import io.meridian.fedctl.ExitCodes;
import io.meridian.fedctl.FederationCommand;
import io.meridian.fedctl.UserError;
import io.meridian.fedctl.clusters.Clusters;
import io.meridian.fedctl.clusters.Placements;
import io.meridian.fedctl.connect.Federation;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fedctl unjoin NAME [--drain]}: removes a member from the federation, refusing while
 * workloads are placed there unless asked to move them away first.
 */
@Command(
        name = "unjoin",
        description = {
            "Remove a member cluster from the federation: its Cluster, its execution namespace and the credentials"
                    + " Secret that join stored.",
            "Refused while federated workloads are placed there, unless --drain: that taints the cluster "
                    + TaintKeys.UNSCHEDULABLE + ":NoExecute, waits until the scheduler has moved every workload"
                    + " away (replacements ready elsewhere first, as each policy's failover says), then removes it."
        })
public final class UnjoinCommand extends FederationCommand {

    private static final int LISTED = 5;

    @Parameters(paramLabel = "NAME", description = "The cluster to remove.")
    String name;

    @Option(names = "--drain", description = "Move the cluster's workloads away first, then remove it.")
    boolean drain;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "How long --drain may take (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    protected int run(Federation federation) throws InterruptedException {
        KubernetesClient client = federation.client();
        Cluster cluster = Clusters.require(client, name);
        List<Placements.Placed> placed = Placements.on(client, name);
        List<String> works = Placements.works(client, name);
        PrintWriter out = out();
        if (!placed.isEmpty() || !works.isEmpty()) {
            if (!drain) {
                throw new UserError("cluster " + name + " still runs " + describe(placed, works)
                        + "; move them away and remove it with 'fedctl unjoin " + name
                        + " --drain', or change their policies first");
            }
            drain(client, out, placed);
        }
        client.resources(Cluster.class).withName(name).delete();
        client.namespaces().withName(Namespaces.executionNamespace(name)).delete();
        String secret = deleteCredentials(
                client, cluster.getSpec() == null ? null : cluster.getSpec().secretRef());
        out.println("Cluster " + name + " has left the federation"
                + (secret == null ? "." : " (Secret " + secret + " deleted)."));
        out.flush();
        return ExitCodes.OK;
    }

    private void drain(KubernetesClient client, PrintWriter out, List<Placements.Placed> placed)
            throws InterruptedException {
        Clusters.updateSpec(client, name, spec -> {
            List<Taint> taints = new ArrayList<>(spec.taints());
            taints.removeIf(t -> TaintKeys.UNSCHEDULABLE.equals(t.key()));
            taints.add(Taint.of(TaintKeys.UNSCHEDULABLE, TaintEffect.NO_EXECUTE, Instant.now()));
            return spec.withTaints(taints);
        });
        out.println("Draining " + name + ": tainted " + TaintKeys.UNSCHEDULABLE + ":NoExecute; waiting up to "
                + timeout.toSeconds() + "s for " + placed.size() + " workload(s) to move away ...");
        out.flush();
        Set<String> remaining = new LinkedHashSet<>(
                placed.stream().map(Placements.Placed::describe).toList());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Placements.Placed> now = Placements.on(client, name);
            List<String> works = Placements.works(client, name);
            Set<String> still =
                    now.stream().map(Placements.Placed::describe).collect(Collectors.toCollection(LinkedHashSet::new));
            for (String gone : remaining) {
                if (!still.contains(gone)) {
                    out.println("  moved away: " + gone);
                }
            }
            out.flush();
            remaining = still;
            if (now.isEmpty() && works.isEmpty()) {
                out.println("Cluster " + name + " is drained.");
                out.flush();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new UserError(
                        "cluster " + name + " still runs " + describe(now, works) + " after " + timeout.toSeconds()
                                + "s of draining; it stays joined and drained — see why with 'fedctl status"
                                + " KIND/NAME', or undo with 'fedctl uncordon " + name + "'",
                        ExitCodes.TIMEOUT);
            }
            Thread.sleep(1_000);
        }
    }

    /** Deletes the Secret {@code ref} when join made it for this cluster; returns its name if deleted. */
    private String deleteCredentials(KubernetesClient client, SecretReference ref) {
        if (ref == null) {
            return null;
        }
        Secret secret = client.secrets()
                .inNamespace(ref.namespace())
                .withName(ref.name())
                .get();
        if (secret == null
                || secret.getMetadata().getLabels() == null
                || !name.equals(secret.getMetadata().getLabels().get(MeridianLabels.CLUSTER))) {
            return null;
        }
        client.secrets().inNamespace(ref.namespace()).withName(ref.name()).delete();
        return ref.namespace() + "/" + ref.name();
    }

    private static String describe(List<Placements.Placed> placed, List<String> works) {
        if (placed.isEmpty()) {
            return works.size() + " Work(s) (" + String.join(", ", works.subList(0, Math.min(LISTED, works.size())))
                    + ") that are still being removed from it";
        }
        List<String> names = placed.stream().map(Placements.Placed::describe).toList();
        String listed = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
        if (names.size() > LISTED) {
            listed += " and " + (names.size() - LISTED) + " more";
        }
        return placed.size() + " workload(s) (" + listed + ")";
    }
}
