package io.meridian.fedctl.rollout;

import io.meridian.api.model.work.ResourceHealth;
import io.meridian.fedctl.output.Ages;
import io.meridian.fedctl.output.Style;
import io.meridian.fedctl.output.Table;
import io.meridian.fedctl.output.Terminal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How rollouts are shown: a table per workload and cluster, redrawn on a terminal; elsewhere one
 * line per change, so that logs and CI output stay readable. Pure.
 */
public final class ProgressView {

    private ProgressView() {}

    /** The table: one row per workload and target cluster (one row for a workload not placed yet). */
    public static Table table(List<WorkloadProgress> workloads) {
        Table table = new Table("WORKLOAD", "CLUSTER", "REPLICAS", "APPLIED", "READY", "HEALTH");
        for (WorkloadProgress w : workloads) {
            if (w.clusters().isEmpty()) {
                table.row(
                        w.target().ref(),
                        "-",
                        "-",
                        "-",
                        "-",
                        new Table.Cell(w.phase().toString(), style(w.phase())));
                continue;
            }
            boolean first = true;
            for (ClusterProgress c : w.clusters()) {
                table.row(
                        first ? w.target().ref() : "",
                        c.clusterReady()
                                ? c.cluster()
                                : new Table.Cell(c.cluster() + " (" + c.clusterState() + ")", Style.BAD),
                        c.replicas() == null ? "-" : c.replicas(),
                        new Table.Cell(c.applied() ? "yes" : "no", c.applied() ? Style.GOOD : Style.WARN),
                        new Table.Cell(c.readyText(), c.ready() ? Style.GOOD : Style.WARN),
                        new Table.Cell(c.healthText(), style(c.health())));
                first = false;
            }
        }
        return table;
    }

    /** The whole block drawn on a terminal: the table, what is waited for, and the clock. */
    public static List<String> block(
            List<WorkloadProgress> workloads, Duration elapsed, Duration timeout, Terminal terminal) {
        List<String> lines = new ArrayList<>(table(workloads).lines(terminal));
        lines.add("");
        for (WorkloadProgress w : workloads) {
            if (!w.ready()) {
                lines.add(terminal.paint(w.phase().toString(), style(w.phase())) + ": "
                        + w.target().ref() + " " + w.summary());
            }
        }
        long ready = workloads.stream().filter(WorkloadProgress::ready).count();
        lines.add(ready + " of " + workloads.size() + " ready · " + Ages.human(elapsed) + " elapsed · timeout "
                + Ages.human(timeout));
        return lines;
    }

    /**
     * The state as keyed lines, one per workload and one per workload and cluster; a caller that
     * prints only the lines whose text changed gets a log of the rollout.
     */
    public static Map<String, String> lines(List<WorkloadProgress> workloads) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (WorkloadProgress w : workloads) {
            String ref = w.target().ref();
            for (ClusterProgress c : w.clusters()) {
                StringBuilder text = new StringBuilder(ref)
                        .append(" on ")
                        .append(c.cluster())
                        .append(": ");
                if (!c.clusterReady()) {
                    text.append(c.clusterState()).append(", ");
                }
                text.append(c.applied() ? "applied" : "not applied");
                if (c.replicas() != null) {
                    text.append(", ").append(c.readyText()).append(" ready");
                }
                text.append(", ").append(c.healthText());
                lines.put(ref + "@" + c.cluster(), text.toString());
            }
            lines.put(ref, ref + ": " + w.phase() + (w.summary() == null ? "" : " — " + w.summary()));
        }
        return lines;
    }

    static Style style(Phase phase) {
        return switch (phase) {
            case READY -> Style.GOOD;
            case FAILED, UNSCHEDULABLE -> Style.BAD;
            case PENDING, PROGRESSING, DEGRADED -> Style.WARN;
        };
    }

    static Style style(ResourceHealth health) {
        if (health == null) {
            return Style.WARN;
        }
        return switch (health) {
            case HEALTHY -> Style.GOOD;
            case UNHEALTHY -> Style.BAD;
            case UNKNOWN -> Style.WARN;
        };
    }
}
