package io.meridian.controller.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.SecretReference;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.controller.config.ControllerRunner;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import io.meridian.sandbox.member.MemberClustersExtension;
import io.meridian.sandbox.member.SimulatedCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path with real syncers: the controller runs member-sync's push-mode syncers in its own
 * process, they apply the Works to two simulated member clusters, whose simulators make the
 * Deployments ready, and the federated Deployment's status sums them up. Deleting it removes it from
 * the members before it goes.
 */
class PushModeIT {

    @RegisterExtension
    @Order(1)
    static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static ApiServerExtension api = ApiServerExtension.on(etcd);

    @RegisterExtension
    @Order(3)
    static MemberClustersExtension members = MemberClustersExtension.regions("us-east", "eu-west")
            .on(etcd)
            .configure(b -> b.readinessDelay(Duration.ofMillis(200)));

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void syncersInTheControllerCarryTheWorkloadToTheMembersAndItsStatusBack() {
        try (KubernetesClient client = Federation.client(api.url());
                KubernetesClient controllerClient = Federation.client(api.url())) {
            ControllerRunner runner = Federation.runner(controllerClient, "push", () -> {});
            runner.start();
            try {
                for (SimulatedCluster member : members.clusters()) {
                    join(client, member);
                }
                await().atMost(WAIT).untilAsserted(() -> {
                    for (SimulatedCluster member : members.clusters()) {
                        Cluster cluster = client.resources(Cluster.class)
                                .withName(member.name())
                                .get();
                        assertThat(cluster.getStatus()).isNotNull();
                        assertThat(Conditions.isTrue(cluster.getStatus().conditions(), ConditionTypes.READY))
                                .as("%s Ready", member.name())
                                .isTrue();
                    }
                });

                Federation.namespace(client, "shop");
                client.resource(Federation.load(client, """
                                apiVersion: v1
                                kind: ConfigMap
                                metadata: {name: web-config, namespace: shop}
                                data: {greeting: hello}
                                """, ConfigMap.class)).create();
                client.resource(Federation.load(client, """
                                apiVersion: apps/v1
                                kind: Deployment
                                metadata: {name: web, namespace: shop}
                                spec:
                                  replicas: 6
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
                                metadata: {name: web, namespace: shop}
                                spec:
                                  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
                                  placement:
                                    replicaScheduling:
                                      replicaSchedulingType: Divided
                                      weightPreference:
                                        staticWeightList:
                                        - {targetCluster: {clusterNames: [us-east]}, weight: 2}
                                        - {targetCluster: {clusterNames: [eu-west]}, weight: 1}
                                """, PropagationPolicy.class))
                        .create();

                // The members run their shares, with the ConfigMap beside them.
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(memberReplicas("us-east")).isEqualTo(4);
                    assertThat(memberReplicas("eu-west")).isEqualTo(2);
                    for (SimulatedCluster member : members.clusters()) {
                        assertThat(member.client()
                                        .configMaps()
                                        .inNamespace("shop")
                                        .withName("web-config")
                                        .get())
                                .isNotNull();
                    }
                });
                // Their status comes back summed: READY 6/6 against the federation API.
                await().atMost(WAIT).untilAsserted(() -> {
                    Deployment web = Federation.deployment(client, "shop", "web");
                    assertThat(web.getStatus()).isNotNull();
                    assertThat(web.getStatus().getReadyReplicas()).isEqualTo(6);
                    assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(6);
                    ResourceBinding binding = client.resources(ResourceBinding.class)
                            .inNamespace("shop")
                            .withName("web-deployment")
                            .get();
                    assertThat(Conditions.isTrue(binding.getStatus().conditions(), ConditionTypes.FULLY_APPLIED))
                            .isTrue();
                });

                // Deleting the federated Deployment removes every member copy first.
                client.apps().deployments().inNamespace("shop").withName("web").delete();
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(Federation.deployment(client, "shop", "web")).isNull();
                    for (SimulatedCluster member : members.clusters()) {
                        assertThat(member.client()
                                        .apps()
                                        .deployments()
                                        .inNamespace("shop")
                                        .withName("web")
                                        .get())
                                .as("the copy in %s", member.name())
                                .isNull();
                    }
                });
            } finally {
                runner.stop();
            }
        }
    }

    private static int memberReplicas(String cluster) {
        Deployment deployment = members.cluster(cluster)
                .client()
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("web")
                .get();
        return deployment == null ? -1 : deployment.getSpec().getReplicas();
    }

    /** A push-mode Cluster for the member, with its credentials Secret, as {@code fedctl join} writes them. */
    private static void join(KubernetesClient client, SimulatedCluster member) {
        for (String namespace : List.of(Namespaces.SYSTEM, Namespaces.executionNamespace(member.name()))) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(namespace)
                            .endMetadata()
                            .build())
                    .serverSideApply();
        }
        client.secrets()
                .inNamespace(Namespaces.SYSTEM)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(member.name() + "-credentials")
                        .endMetadata()
                        .addToData("token", Base64.getEncoder().encodeToString("t".getBytes(StandardCharsets.UTF_8)))
                        .build())
                .serverSideApply();
        client.resource(new Cluster(
                        member.name(),
                        ClusterSpec.builder()
                                .region(member.region())
                                .apiEndpoint(member.apiUrl())
                                .syncMode(SyncMode.PUSH)
                                .secretRef(new SecretReference(Namespaces.SYSTEM, member.name() + "-credentials"))
                                .build()))
                .create();
    }
}
