package io.meridian.fedctl.clusters;

import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Quantity;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.NodeSummary;
import io.meridian.api.model.cluster.ResourceSummary;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.fedctl.ExitCodes;
import io.meridian.fedctl.FederationCommand;
import io.meridian.fedctl.connect.Federation;
import io.meridian.fedctl.output.Ages;
import io.meridian.fedctl.output.ConditionText;
import io.meridian.fedctl.output.Documents;
import io.meridian.fedctl.output.OutputOptions;
import io.meridian.fedctl.output.Quantities;
import io.meridian.fedctl.output.Style;
import io.meridian.fedctl.output.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fedctl get clusters [NAME...]}: the members, their health, capacity and load. */
@Command(
        name = "clusters",
        aliases = {"cluster", "mcl"},
        description = {
            "List the member clusters: region, zone, readiness, sync mode, nodes (ready/total), allocatable CPU and"
                    + " memory, how many federated objects each holds, and age.",
            "READY shows ',Cordoned' or ',Draining' after the Ready condition when the cluster takes no new workloads."
        })
public final class GetClustersCommand extends FederationCommand {

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Only these clusters.")
    List<String> names = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Override
    protected int run(Federation federation) {
        List<Cluster> clusters = new ArrayList<>();
        if (names.isEmpty()) {
            clusters.addAll(federation.client().resources(Cluster.class).list().getItems());
            clusters.sort(Comparator.comparing(c -> c.getMetadata().getName()));
        } else {
            for (String name : names) {
                clusters.add(Clusters.require(federation.client(), name));
            }
        }
        if (output.format() != null) {
            Object document;
            if (names.size() == 1) {
                document = clusters.getFirst();
            } else {
                // the plain list: fabric8's builder wants a builder class for every item kind
                KubernetesList list = new KubernetesList();
                list.setApiVersion("v1");
                list.setKind("List");
                list.setItems(new ArrayList<>(clusters));
                document = list;
            }
            Documents.print(out(), document, output.format());
            return ExitCodes.OK;
        }
        if (clusters.isEmpty()) {
            out().println(
                            "No clusters have joined yet. Add one with: fedctl join NAME --kubeconfig FILE --region REGION");
            out().flush();
            return ExitCodes.OK;
        }
        Map<String, List<Placements.Placed>> placed = Placements.byCluster(federation.client());
        table(clusters, placed, Instant.now()).print(out(), terminal());
        return ExitCodes.OK;
    }

    /** The table of {@code clusters}; {@code placed} says what each holds. */
    static Table table(List<Cluster> clusters, Map<String, List<Placements.Placed>> placed, Instant now) {
        Table table =
                new Table("NAME", "REGION", "ZONE", "READY", "MODE", "NODES", "CPU", "MEMORY", "WORKLOADS", "AGE");
        for (Cluster c : clusters) {
            String ready = Clusters.ready(c);
            String scheduling = Clusters.scheduling(c).map(s -> "," + s).orElse("");
            Style style = scheduling.isEmpty() ? ConditionText.style(ready) : Style.WARN;
            NodeSummary nodes = c.getStatus() == null ? null : c.getStatus().nodeSummary();
            ResourceSummary resources =
                    c.getStatus() == null ? null : c.getStatus().resourceSummary();
            Map<String, Quantity> allocatable = resources == null ? Map.of() : resources.allocatable();
            table.row(
                    c.getMetadata().getName(),
                    c.getSpec() == null ? "" : c.getSpec().region(),
                    c.getSpec() == null || c.getSpec().zone() == null
                            ? "-"
                            : c.getSpec().zone(),
                    new Table.Cell(ready + scheduling, style),
                    mode(c),
                    nodes == null ? "-" : count(nodes.ready()) + "/" + count(nodes.total()),
                    Quantities.cpu(allocatable.get("cpu")),
                    Quantities.memory(allocatable.get("memory")),
                    placed.getOrDefault(c.getMetadata().getName(), List.of()).size(),
                    Ages.since(c.getMetadata().getCreationTimestamp(), now));
        }
        return table;
    }

    private static String mode(Cluster c) {
        SyncMode mode = c.getSpec() == null || c.getSpec().syncMode() == null
                ? SyncMode.PUSH
                : c.getSpec().syncMode();
        return mode == SyncMode.PULL ? "Pull" : "Push";
    }

    private static String count(Integer n) {
        return n == null ? "?" : n.toString();
    }
}
