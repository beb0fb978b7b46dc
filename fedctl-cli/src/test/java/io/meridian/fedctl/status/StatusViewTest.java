package io.meridian.fedctl.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.fedctl.output.Terminal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static Condition condition(String type, ConditionStatus status, String reason, String message) {
        return new Condition(type, status, null, Instant.parse("2026-01-01T11:59:00Z"), reason, message);
    }

    @Test
    void showsEachClusterWithItsStateAndTheConditionsAndEvents() {
        StatusReport report = new StatusReport(
                "Deployment",
                "shop",
                "web",
                "PropagationPolicy shop/web",
                "web-deployment",
                "Degraded",
                "eu-west is NotReady (HeartbeatExpired); 2/4 replicas ready in Ready clusters",
                4,
                List.of(
                        new StatusReport.ClusterStatus(
                                "eu-west",
                                "NotReady (HeartbeatExpired)",
                                2,
                                true,
                                2,
                                "Unknown",
                                "cluster not Ready",
                                "meridian-cluster-eu-west/shop.web-deployment",
                                List.of(condition("Applied", ConditionStatus.TRUE, "Applied", "all applied")),
                                "shop/eu-images"),
                        new StatusReport.ClusterStatus(
                                "us-east", "Ready", 2, true, 2, "Healthy", null, null, List.of(), null)),
                List.of(condition(
                        "Scheduled", ConditionStatus.TRUE, "Scheduled", "scheduled to eu-west (2), us-east (2)")),
                List.of(new StatusReport.EventLine(
                        "2026-01-01T11:58:00Z", "Normal", "Scheduled", "resourcebinding/web-deployment", "scheduled")));

        assertThat(StatusView.lines(report, NOW, Terminal.plain()))
                .containsExactly(
                        "Deployment shop/web",
                        "Policy:    PropagationPolicy shop/web",
                        "Binding:   web-deployment",
                        "Replicas:  4",
                        "Status:    Degraded — eu-west is NotReady (HeartbeatExpired); 2/4 replicas ready in Ready"
                                + " clusters",
                        "",
                        "CLUSTER   STATE                         REPLICAS   APPLIED   READY   HEALTH    OVERRIDES        MESSAGE",
                        "eu-west   NotReady (HeartbeatExpired)   2          True      2/2     Unknown   shop/eu-images   cluster"
                                + " not Ready",
                        "us-east   Ready                         2          True      2/2     Healthy   -",
                        "",
                        "Conditions of the binding:",
                        "TYPE        STATUS   REASON      AGE   MESSAGE",
                        "Scheduled   True     Scheduled   60s   scheduled to eu-west (2), us-east (2)",
                        "",
                        "Conditions of the Works:",
                        "CLUSTER   TYPE      STATUS   REASON    AGE   MESSAGE",
                        "eu-west   Applied   True     Applied   60s   all applied",
                        "",
                        "Events:",
                        "AGE   TYPE     REASON      OBJECT                           MESSAGE",
                        "2m    Normal   Scheduled   resourcebinding/web-deployment   scheduled");
    }
}
