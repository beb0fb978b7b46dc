package io.meridian.fedctl.clusters;

import io.meridian.api.model.meta.Taint;
import io.meridian.api.model.meta.TaintEffect;
import io.meridian.api.model.names.TaintKeys;
import io.meridian.fedctl.ExitCodes;
import io.meridian.fedctl.FederationCommand;
import io.meridian.fedctl.connect.Federation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fedctl cordon CLUSTER...}: no new workloads there; what runs there stays. */
@Command(
        name = "cordon",
        description = {
            "Mark clusters unschedulable: the taint " + TaintKeys.UNSCHEDULABLE + ":NoSchedule keeps new workloads"
                    + " and new replicas off them, while what already runs there stays.",
            "Undo with 'fedctl uncordon'; move workloads away with 'fedctl unjoin --drain'."
        })
public final class CordonCommand extends FederationCommand {

    @Parameters(paramLabel = "CLUSTER", arity = "1..*", description = "The clusters to cordon.")
    List<String> clusters = new ArrayList<>();

    @Override
    protected int run(Federation federation) {
        for (String name : clusters) {
            Clusters.require(federation.client(), name);
        }
        for (String name : clusters) {
            boolean[] changed = {false};
            Clusters.updateSpec(federation.client(), name, spec -> {
                if (spec.taints().stream().anyMatch(t -> TaintKeys.UNSCHEDULABLE.equals(t.key()))) {
                    return spec;
                }
                List<Taint> taints = new ArrayList<>(spec.taints());
                taints.add(Taint.of(TaintKeys.UNSCHEDULABLE, TaintEffect.NO_SCHEDULE, Instant.now()));
                changed[0] = true;
                return spec.withTaints(taints);
            });
            out().println(
                            changed[0]
                                    ? "cluster " + name
                                            + " cordoned: no new workloads are placed there; what runs there stays"
                                    : "cluster " + name + " is already cordoned");
        }
        out().flush();
        return ExitCodes.OK;
    }
}
