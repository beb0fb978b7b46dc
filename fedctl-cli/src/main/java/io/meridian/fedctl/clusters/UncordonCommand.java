package io.meridian.fedctl.clusters;

import io.meridian.api.model.meta.Taint;
import io.meridian.api.model.names.TaintKeys;
import io.meridian.fedctl.ExitCodes;
import io.meridian.fedctl.FederationCommand;
import io.meridian.fedctl.connect.Federation;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fedctl uncordon CLUSTER...}: the clusters take workloads again. */
@Command(
        name = "uncordon",
        description = "Make clusters schedulable again: removes the " + TaintKeys.UNSCHEDULABLE
                + " taint that cordon (NoSchedule) or a drain (NoExecute) put there.")
public final class UncordonCommand extends FederationCommand {

    @Parameters(paramLabel = "CLUSTER", arity = "1..*", description = "The clusters to uncordon.")
    List<String> clusters = new ArrayList<>();

    @Override
    protected int run(Federation federation) {
        for (String name : clusters) {
            Clusters.require(federation.client(), name);
        }
        for (String name : clusters) {
            boolean[] changed = {false};
            Clusters.updateSpec(federation.client(), name, spec -> {
                List<Taint> kept = new ArrayList<>(spec.taints());
                changed[0] = kept.removeIf(t -> TaintKeys.UNSCHEDULABLE.equals(t.key()));
                return changed[0] ? spec.withTaints(kept) : spec;
            });
            out().println(
                            changed[0]
                                    ? "cluster " + name + " uncordoned: it takes new workloads again"
                                    : "cluster " + name + " is not cordoned");
        }
        out().flush();
        return ExitCodes.OK;
    }
}
