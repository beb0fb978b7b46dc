package io.meridian.fedctl.apply;

import io.meridian.controller.matching.PropagationMatch;
import io.meridian.controller.scheduling.SchedulingResult;
import io.meridian.fedctl.output.Documents;
import io.meridian.fedctl.output.OutputFormat;
import io.meridian.fedctl.output.Style;
import io.meridian.fedctl.output.Table;
import io.meridian.fedctl.output.Terminal;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How {@code apply --dry-run} shows the plan: each object, its policy, and where it would run. */
final class DryRunView {

    /**
     * One object's placement, for {@code -o json|yaml}.
     *
     * @param object {@code deployment/web}
     * @param namespace its namespace; null when cluster-scoped
     * @param source where it was read
     * @param policy the policy that would place it; null if none
     * @param placement cluster to replicas (null for kinds without replicas); empty if not placed
     * @param unschedulable why no cluster fits, when none does
     * @param follows the workload it would go along with as a dependency
     */
    record Placement(
            String object,
            String namespace,
            String source,
            String policy,
            Map<String, Integer> placement,
            String unschedulable,
            String follows) {}

    /** The whole dry run, for {@code -o json|yaml}. */
    record Report(boolean dryRun, List<String> generatedPolicies, List<Placement> objects) {}

    private DryRunView() {}

    static List<Placement> placements(Planner.Plan plan) {
        List<Placement> result = new ArrayList<>();
        for (Planner.Planned p : plan.placements()) {
            Manifest m = p.object().manifest();
            Map<String, Integer> where = new LinkedHashMap<>();
            String unschedulable = null;
            if (p.result() instanceof SchedulingResult.Scheduled s) {
                where.putAll(s.replicasByCluster());
            } else if (p.result() instanceof SchedulingResult.Unschedulable u) {
                unschedulable = u.message();
            }
            result.add(new Placement(
                    m.ref(),
                    m.namespace(),
                    m.source(),
                    p.match() == null
                            ? null
                            : PropagationMatch.describe(p.match().policy()),
                    where,
                    unschedulable,
                    p.follows()));
        }
        return result;
    }

    static void print(Planner.Plan plan, String federation, OutputFormat format, PrintWriter out, Terminal terminal) {
        List<Placement> placements = placements(plan);
        if (format != null) {
            Documents.print(out, new Report(true, plan.generated(), placements), format);
            return;
        }
        out.println("Dry run against " + federation + ": nothing is written.");
        plan.generated().forEach(note -> out.println("note: " + note));
        Table table = new Table("OBJECT", "NAMESPACE", "POLICY", "PLACEMENT");
        for (Placement p : placements) {
            table.row(
                    p.object(),
                    p.namespace() == null ? "-" : p.namespace(),
                    p.policy() == null ? "-" : p.policy(),
                    placement(p));
        }
        table.print(out, terminal);
    }

    private static Table.Cell placement(Placement p) {
        if (p.follows() != null) {
            return new Table.Cell("with " + p.follows() + " (a dependency it references)", Style.PLAIN);
        }
        if (p.policy() == null && p.object().startsWith("namespace/")) {
            return new Table.Cell("federation only (members create it when its objects arrive)", Style.DIM);
        }
        if (p.policy() == null) {
            return new Table.Cell("not propagated: no policy selects it", Style.DIM);
        }
        if (p.unschedulable() != null) {
            return new Table.Cell("no cluster fits: " + p.unschedulable(), Style.BAD);
        }
        if (p.placement().isEmpty()) {
            return new Table.Cell("no cluster", Style.WARN);
        }
        String text = p.placement().entrySet().stream()
                .map(e -> e.getValue() == null ? e.getKey() : e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return new Table.Cell(text, Style.GOOD);
    }
}
