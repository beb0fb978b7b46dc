package io.meridian.sandbox.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension without an etcd extension of its own: named clusters on a private one-member ring. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberClustersStandaloneIT {

    @RegisterExtension
    static final MemberClustersExtension members = MemberClustersExtension.named(Map.of("cluster-a", "us-west"))
            .configure(b -> b.zone("us-west-2b").nodes(1).nodeShape(new NodeShape("2", "4Gi", 20)));

    @Test
    @Order(1)
    void aNamedClusterIsInItsRegionAndZone() {
        SimulatedCluster c = members.cluster("cluster-a");

        assertThat(c.name()).isEqualTo("cluster-a");
        assertThat(c.region()).isEqualTo("us-west");
        assertThat(c.zone()).isEqualTo("us-west-2b");
        Node node = c.client().nodes().withName("cluster-a-node-1").get();
        assertThat(node.getMetadata().getLabels())
                .containsEntry("topology.kubernetes.io/region", "us-west")
                .containsEntry("topology.kubernetes.io/zone", "us-west-2b");
        assertThat(c.simulator().allocatable()).isEqualTo(new Capacity(2_000, 4L * 1024 * 1024 * 1024, 20));
        assertThatThrownBy(() -> members.cluster("cluster-b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster-a");
    }

    @Test
    @Order(2)
    void aNodeCanGoNotReady() {
        SimulatedCluster c = members.cluster("cluster-a");
        c.simulator().setNodeReady("cluster-a-node-1", false);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(readyStatus(c.client())).isEqualTo("False"));
        assertThat(c.simulator().allocatable()).isEqualTo(Capacity.ZERO);
    }

    @Test
    @Order(3)
    void healingAfterEachTestMadeTheNodeReadyAgain() {
        SimulatedCluster c = members.cluster("cluster-a");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(readyStatus(c.client())).isEqualTo("True"));
    }

    private static String readyStatus(KubernetesClient client) {
        return client.nodes().withName("cluster-a-node-1").get().getStatus().getConditions().stream()
                .filter(x -> x.getType().equals("Ready"))
                .findFirst()
                .orElseThrow()
                .getStatus();
    }
}
