package io.meridian.controller.propagation;

import static io.meridian.controller.propagation.Federation.CLUSTERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.Work;
import io.meridian.controller.config.ControllerRunner;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two controller replicas in this process: the leader dies without releasing its lease (its
 * connection to the federation API is cut), the other takes over once the lease expires and
 * carries on from the state in the API, neither duplicating nor losing a Work.
 */
class LeaderFailoverIT {

    @RegisterExtension
    @Order(1)
    static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static ApiServerExtension api = ApiServerExtension.on(etcd);

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theOtherReplicaTakesOverWithoutDuplicatingOrLosingWork() {
        KubernetesClient client = Federation.client(api.url());
        KubernetesClient clientA = Federation.client(api.url());
        KubernetesClient clientB = Federation.client(api.url());
        // A dead replica's elector stops with its connection; nothing of it runs any more.
        ControllerRunner a = Federation.runner(clientA, "replica-a", () -> {});
        ControllerRunner b = Federation.runner(clientB, "replica-b", () -> {});
        try {
            a.start();
            await().atMost(WAIT).until(a::isLeader);
            b.start();
            Federation.joinClusters(client);
            Federation.awaitClustersReady(client);

            String ns = "failover";
            Federation.namespace(client, ns);
            client.resource(Federation.load(client, """
                            apiVersion: v1
                            kind: ConfigMap
                            metadata: {name: web-config, namespace: failover}
                            data: {greeting: hello}
                            """, ConfigMap.class)).create();
            client.resource(Federation.load(client, """
                            apiVersion: apps/v1
                            kind: Deployment
                            metadata: {name: web, namespace: failover}
                            spec:
                              replicas: 8
                              selector: {matchLabels: {app: web}}
                              template:
                                metadata: {labels: {app: web}}
                                spec:
                                  containers:
                                  - name: web
                                    image: nginx:1.25
                                    envFrom: [{configMapRef: {name: web-config}}]
                            """, Deployment.class)).create();
            client.resource(Federation.load(client, """
                            apiVersion: meridian.io/v1alpha1
                            kind: PropagationPolicy
                            metadata: {name: web, namespace: failover}
                            spec:
                              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
                              placement:
                                replicaScheduling:
                                  replicaSchedulingType: Divided
                                  weightPreference:
                                    staticWeightList:
                                    - {targetCluster: {clusterNames: [us-east]}, weight: 2}
                                    - {targetCluster: {clusterNames: [eu-west]}, weight: 1}
                                    - {targetCluster: {clusterNames: [ap-south]}, weight: 1}
                            """, PropagationPolicy.class))
                    .create();
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(replicas(client, ns))
                            .isEqualTo(Map.of("us-east", 4, "eu-west", 2, "ap-south", 2)));
            assertThat(b.isLeader()).isFalse();
            Map<String, String> uids = uids(client, ns);
            String bindingUid = binding(client, ns).getMetadata().getUid();

            // The leader dies: its connection is cut, its lease is not released.
            clientA.close();
            // Meanwhile the workload changes; nobody leads to act on it yet.
            client.apps().deployments().inNamespace(ns).withName("web").scale(12);

            await().atMost(WAIT).until(b::isLeader);
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(replicas(client, ns))
                            .isEqualTo(Map.of("us-east", 6, "eu-west", 3, "ap-south", 3)));

            // Exactly one Work per cluster, the same objects as before, and one binding, the same one.
            List<Work> works = Federation.worksOf(client, ns, "web-deployment");
            assertThat(works).hasSize(3);
            assertThat(client.resources(Work.class).inAnyNamespace().list().getItems())
                    .hasSize(3);
            assertThat(uids(client, ns)).isEqualTo(uids);
            assertThat(binding(client, ns).getMetadata().getUid()).isEqualTo(bindingUid);
            assertThat(client.resources(ResourceBinding.class)
                            .inAnyNamespace()
                            .list()
                            .getItems())
                    .hasSize(1);
            // The new leader's cleanup still works: deleting goes through the Works.
            client.apps().deployments().inNamespace(ns).withName("web").delete();
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(Federation.worksOf(client, ns, "web-deployment"))
                            .allSatisfy(w -> assertThat(w.getMetadata().getDeletionTimestamp())
                                    .isNotNull()));
            Federation.releaseWorks(client, Federation.worksOf(client, ns, "web-deployment"));
            await().atMost(WAIT)
                    .untilAsserted(() ->
                            assertThat(Federation.deployment(client, ns, "web")).isNull());
        } finally {
            a.stop();
            b.stop();
            clientB.close();
            client.close();
        }
    }

    private static ResourceBinding binding(KubernetesClient client, String namespace) {
        return client.resources(ResourceBinding.class)
                .inNamespace(namespace)
                .withName("web-deployment")
                .get();
    }

    private static Map<String, Integer> replicas(KubernetesClient client, String namespace) {
        Map<String, Integer> replicas = new HashMap<>();
        for (String cluster : CLUSTERS) {
            Work work = Federation.work(client, cluster, "Deployment", namespace, "web");
            if (work != null) {
                replicas.put(cluster, Federation.replicasIn(client, work));
            }
        }
        return replicas;
    }

    private static Map<String, String> uids(KubernetesClient client, String namespace) {
        Map<String, String> uids = new HashMap<>();
        for (Work work : Federation.worksOf(client, namespace, "web-deployment")) {
            uids.put(work.getMetadata().getNamespace(), work.getMetadata().getUid());
        }
        return uids;
    }
}
