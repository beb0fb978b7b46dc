package io.meridian.sandbox.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Several member clusters served by one process: each its own API, its own data, its own simulator. */
class VirtualClustersIT {

    @RegisterExtension
    static EtcdRingExtension etcd = EtcdRingExtension.regions("local");

    @Test
    void eachVirtualClusterIsAMemberOfItsOwn(@TempDir Path logs) throws Exception {
        long host;
        try (VirtualClusters members = VirtualClusters.builder()
                .names(List.of("virtual-a", "virtual-b", "virtual-c"))
                .etcdEndpoints(etcd.ring().endpoints())
                .logDir(logs)
                .simulator(s -> s.nodes(1).readinessDelay(Duration.ofMillis(200)))
                .start()) {
            host = members.pid();
            assertThat(members.clusters())
                    .extracting(VirtualClusters.Cluster::name)
                    .containsExactly("virtual-a", "virtual-b", "virtual-c");
            assertThat(members.clusters().stream()
                            .map(VirtualClusters.Cluster::url)
                            .distinct())
                    .hasSize(3);

            VirtualClusters.Cluster a = members.cluster("virtual-a");
            VirtualClusters.Cluster b = members.cluster("virtual-b");
            // A member API: native kinds only, and its own nodes.
            assertThat(a.client().getApiGroups().getGroups())
                    .extracting(g -> g.getName())
                    .contains("apps")
                    .doesNotContain("meridian.io");
            assertThat(a.client().nodes().list().getItems())
                    .extracting(n -> n.getMetadata().getName())
                    .containsExactly("virtual-a-node-1");

            a.client()
                    .apps()
                    .deployments()
                    .inNamespace("default")
                    .resource(deployment("web"))
                    .create();

            // Its simulator makes it ready; the other clusters never see it.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Deployment web = a.client()
                        .apps()
                        .deployments()
                        .inNamespace("default")
                        .withName("web")
                        .get();
                assertThat(web.getStatus()).isNotNull();
                assertThat(web.getStatus().getReadyReplicas()).isEqualTo(2);
            });
            assertThat(b.client()
                            .apps()
                            .deployments()
                            .inNamespace("default")
                            .withName("web")
                            .get())
                    .isNull();
            assertThat(Files.readString(members.logFile())).contains("all 3 virtual member clusters started");
        }
        assertThat(ProcessHandle.of(host).map(ProcessHandle::isAlive).orElse(false))
                .as("the hosting process after close")
                .isFalse();
    }

    private static Deployment deployment(String name) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage("nginx:1.25")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
