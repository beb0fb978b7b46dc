package io.meridian.fedctl.status;

import io.meridian.api.model.meta.Condition;
import io.meridian.fedctl.output.Ages;
import io.meridian.fedctl.output.ConditionText;
import io.meridian.fedctl.output.Style;
import io.meridian.fedctl.output.Table;
import io.meridian.fedctl.output.Terminal;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** How {@code fedctl status} reads to a person. Pure but for the printing. */
final class StatusView {

    private StatusView() {}

    static void print(StatusReport r, Instant now, PrintWriter out, Terminal terminal) {
        lines(r, now, terminal).forEach(out::println);
        out.flush();
    }

    static List<String> lines(StatusReport r, Instant now, Terminal terminal) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(terminal.paint(
                r.kind() + " " + (r.namespace() == null ? "" : r.namespace() + "/") + r.name(), Style.HEADER));
        lines.add("Policy:    " + (r.policy() == null ? "none" : r.policy()));
        if (r.binding() != null) {
            lines.add("Binding:   " + r.binding());
        }
        if (r.replicas() != null) {
            lines.add("Replicas:  " + r.replicas());
        }
        Style phase = switch (r.phase()) {
            case "Ready" -> Style.GOOD;
            case "Failed", "Unschedulable" -> Style.BAD;
            default -> Style.WARN;
        };
        lines.add("Status:    " + terminal.paint(r.phase(), phase) + (r.summary() == null ? "" : " — " + r.summary()));

        if (!r.clusters().isEmpty()) {
            lines.add("");
            Table clusters =
                    new Table("CLUSTER", "STATE", "REPLICAS", "APPLIED", "READY", "HEALTH", "OVERRIDES", "MESSAGE");
            for (StatusReport.ClusterStatus c : r.clusters()) {
                String ready = c.replicas() == null
                        ? "-"
                        : (c.readyReplicas() == null ? 0 : c.readyReplicas()) + "/" + c.replicas();
                boolean clusterReady = "Ready".equals(c.clusterState());
                clusters.row(
                        c.cluster(),
                        new Table.Cell(c.clusterState(), clusterReady ? Style.GOOD : Style.BAD),
                        c.replicas() == null ? "-" : c.replicas(),
                        new Table.Cell(c.applied() ? "True" : "False", c.applied() ? Style.GOOD : Style.WARN),
                        ready,
                        new Table.Cell(c.health(), health(c.health())),
                        overrides(c),
                        c.message() == null ? "" : c.message());
            }
            lines.addAll(clusters.lines(terminal));
        }

        if (!r.conditions().isEmpty()) {
            lines.add("");
            lines.add("Conditions of the binding:");
            lines.addAll(conditions(r.conditions(), now).lines(terminal));
        }
        boolean anyWork =
                r.clusters().stream().anyMatch(c -> !c.workConditions().isEmpty());
        if (anyWork) {
            lines.add("");
            lines.add("Conditions of the Works:");
            Table works = new Table("CLUSTER", "TYPE", "STATUS", "REASON", "AGE", "MESSAGE");
            for (StatusReport.ClusterStatus c : r.clusters()) {
                for (Condition k : c.workConditions()) {
                    String status = ConditionText.of(k.status());
                    works.row(
                            c.cluster(),
                            k.type(),
                            new Table.Cell(status, ConditionText.style(status)),
                            k.reason(),
                            Ages.since(k.lastTransitionTime(), now),
                            k.message() == null ? "" : k.message());
                }
            }
            lines.addAll(works.lines(terminal));
        }

        lines.add("");
        if (r.events().isEmpty()) {
            lines.add("Events: none");
        } else {
            lines.add("Events:");
            Table events = new Table("AGE", "TYPE", "REASON", "OBJECT", "MESSAGE");
            for (StatusReport.EventLine e : r.events()) {
                events.row(
                        Ages.since(e.time(), now),
                        new Table.Cell(e.type(), "Warning".equals(e.type()) ? Style.BAD : Style.PLAIN),
                        e.reason(),
                        e.object(),
                        e.message() == null ? "" : e.message());
            }
            lines.addAll(events.lines(terminal));
        }
        return lines;
    }

    private static Table conditions(List<Condition> conditions, Instant now) {
        Table table = new Table("TYPE", "STATUS", "REASON", "AGE", "MESSAGE");
        for (Condition c : conditions) {
            String status = ConditionText.of(c.status());
            table.row(
                    c.type(),
                    new Table.Cell(status, ConditionText.style(status)),
                    c.reason(),
                    Ages.since(c.lastTransitionTime(), now),
                    c.message() == null ? "" : c.message());
        }
        return table;
    }

    private static String overrides(StatusReport.ClusterStatus c) {
        if (c.overrides() == null || c.overrides().isEmpty()) {
            return "-";
        }
        return List.of(c.overrides().split(",")).stream().map(String::trim).collect(Collectors.joining(", "));
    }

    private static Style health(String health) {
        return switch (health) {
            case "Healthy" -> Style.GOOD;
            case "Unhealthy" -> Style.BAD;
            default -> Style.WARN;
        };
    }
}
