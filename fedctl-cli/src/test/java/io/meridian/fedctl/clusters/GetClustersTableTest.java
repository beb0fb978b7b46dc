package io.meridian.fedctl.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.fedctl.output.Terminal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetClustersTableTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static Cluster cluster(String name, String ready, String taints) {
        return YAML.unmarshal("""
                apiVersion: meridian.io/v1alpha1
                kind: Cluster
                metadata: {name: %1$s, creationTimestamp: "2026-01-01T11:00:00Z"}
                spec: {region: %1$s, zone: %1$s-a, syncMode: Push, taints: %3$s}
                status:
                  conditions: [{type: Ready, status: "%2$s", reason: R}]
                  nodeSummary: {ready: 2, total: 3}
                  resourceSummary:
                    allocatable: {cpu: 7500m, memory: 32Gi}
                """.formatted(name, ready, taints), Cluster.class);
    }

    @Test
    void regionReadinessCapacityAndWorkloadsPerCluster() {
        List<Cluster> clusters = List.of(
                cluster("us-east", "True", "[]"),
                cluster("eu-west", "False", "[]"),
                cluster("ap-south", "True", "[{key: meridian.io/unschedulable, effect: NoSchedule}]"));
        Map<String, List<Placements.Placed>> placed = Map.of(
                "us-east",
                List.of(
                        new Placements.Placed("Deployment", "shop", "web", 4, false),
                        new Placements.Placed("Service", "shop", "web", null, false)));

        assertThat(GetClustersCommand.table(clusters, placed, NOW).lines(Terminal.plain()))
                .containsExactly(
                        "NAME       REGION     ZONE         READY           MODE   NODES   CPU   MEMORY   WORKLOADS   AGE",
                        "us-east    us-east    us-east-a    True            Push   2/3     7.5   32Gi     2           60m",
                        "eu-west    eu-west    eu-west-a    False           Push   2/3     7.5   32Gi     0           60m",
                        "ap-south   ap-south   ap-south-a   True,Cordoned   Push   2/3     7.5   32Gi     0           60m");
    }
}
