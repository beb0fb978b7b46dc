package io.meridian.controller.propagation;

import static io.meridian.controller.propagation.Federation.CLUSTERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Finalizers;
import io.meridian.api.model.names.MeridianAnnotations;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.work.AggregatedStatusItem;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.api.model.work.Work;
import io.meridian.controller.config.ControllerRunner;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The federation controller's loops in this process, against a real API server on a real etcd
 * ring, with three member clusters whose syncers the test plays: binding, scheduling, rendering
 * with overrides and dependencies, status aggregation, deletion and bad input.
 */
class PropagationIT {

    @RegisterExtension
    @Order(1)
    static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static ApiServerExtension api = ApiServerExtension.on(etcd);

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KubernetesClient client;
    private static KubernetesClient controllerClient;
    private static ControllerRunner runner;

    @BeforeAll
    static void startController() {
        client = Federation.client(api.url());
        controllerClient = Federation.client(api.url());
        runner = Federation.runner(controllerClient, "controller-a", () -> {});
        runner.start();
        await().atMost(WAIT).until(runner::isLeader);
        Federation.joinClusters(client);
        Federation.awaitClustersReady(client);
    }

    @AfterAll
    static void stopController() {
        if (runner != null) {
            runner.stop();
        }
        if (controllerClient != null) {
            controllerClient.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-config
              namespace: %s
            data:
              greeting: hello
            """;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: %s
              labels:
                app: web
            spec:
              replicas: %d
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: docker.io/library/nginx:1.25
                    envFrom:
                    - configMapRef:
                        name: web-config
            """;

    private static final String DIVIDED_POLICY = """
            apiVersion: meridian.io/v1alpha1
            kind: PropagationPolicy
            metadata:
              name: web
              namespace: %s
            spec:
              resourceSelectors:
              - apiVersion: apps/v1
                kind: Deployment
                name: web
              placement:
                replicaScheduling:
                  replicaSchedulingType: Divided
                  replicaDivisionPreference: Weighted
                  weightPreference:
                    staticWeightList:
                    - targetCluster: {clusterNames: [us-east]}
                      weight: 2
                    - targetCluster: {clusterNames: [eu-west]}
                      weight: 1
                    - targetCluster: {clusterNames: [ap-south]}
                      weight: 1
            """;

    private static final String EU_IMAGE_OVERRIDE = """
            apiVersion: meridian.io/v1alpha1
            kind: OverridePolicy
            metadata:
              name: eu-registry
              namespace: %s
            spec:
              resourceSelectors:
              - apiVersion: apps/v1
                kind: Deployment
              overrideRules:
              - targetCluster: {regions: [eu-west]}
                overriders:
                  imageOverrider:
                  - component: Registry
                    operator: replace
                    value: registry.eu.example.com
            """;

    private void deployWeb(String namespace, int replicas) {
        Federation.namespace(client, namespace);
        client.resource(Federation.load(client, CONFIG_MAP.formatted(namespace), ConfigMap.class))
                .create();
        client.resource(Federation.load(client, DEPLOYMENT.formatted(namespace, replicas), Deployment.class))
                .create();
        client.resource(Federation.load(client, DIVIDED_POLICY.formatted(namespace), PropagationPolicy.class))
                .create();
    }

    private ResourceBinding binding(String namespace) {
        return client.resources(ResourceBinding.class)
                .inNamespace(namespace)
                .withName("web-deployment")
                .get();
    }

    private Map<String, Integer> replicasByCluster(String namespace) {
        Map<String, Integer> replicas = new HashMap<>();
        for (String cluster : CLUSTERS) {
            Work work = Federation.work(client, cluster, "Deployment", namespace, "web");
            if (work != null) {
                replicas.put(cluster, Federation.replicasIn(client, work));
            }
        }
        return replicas;
    }

    @Test
    void aDividedDeploymentGoesToEveryClusterWithItsShareOverridesAndDependencies() throws Exception {
        String ns = "shop";
        deployWeb(ns, 8);
        client.resource(Federation.load(client, EU_IMAGE_OVERRIDE.formatted(ns), OverridePolicy.class))
                .create();

        // The binding records the object, its replicas and the policy, and the scheduler divides 2:1:1.
        await().atMost(WAIT).untilAsserted(() -> {
            ResourceBinding binding = binding(ns);
            assertThat(binding).isNotNull();
            assertThat(binding.getSpec().replicas()).isEqualTo(8);
            assertThat(binding.getSpec().policy().name()).isEqualTo("web");
            assertThat(binding.getSpec().clusters())
                    .containsExactly(
                            TargetCluster.of("ap-south", 2),
                            TargetCluster.of("eu-west", 2),
                            TargetCluster.of("us-east", 4));
            assertThat(Conditions.isTrue(binding.getStatus().conditions(), ConditionTypes.SCHEDULED))
                    .isTrue();
            assertThat(binding.getMetadata().getLabels())
                    .containsEntry(MeridianLabels.POLICY_NAME, "web")
                    .containsEntry(MeridianLabels.POLICY_NAMESPACE, ns);
        });
        Deployment deployment = Federation.deployment(client, ns, "web");
        assertThat(deployment.getMetadata().getFinalizers()).contains(Finalizers.CLEANUP);
        assertThat(deployment.getMetadata().getLabels()).containsEntry(MeridianLabels.POLICY_NAME, "web");

        // One Work per cluster with its share, the region's image and the ConfigMap it refers to.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(replicasByCluster(ns)).isEqualTo(Map.of("us-east", 4, "eu-west", 2, "ap-south", 2));
            for (String cluster : CLUSTERS) {
                Work work = Federation.work(client, cluster, "Deployment", ns, "web");
                assertThat(work.getMetadata().getFinalizers()).contains(Finalizers.CLEANUP);
                assertThat(work.getMetadata().getLabels())
                        .containsEntry(MeridianLabels.BINDING_NAME, "web-deployment")
                        .containsEntry(MeridianLabels.BINDING_NAMESPACE, ns)
                        .containsEntry(MeridianLabels.CLUSTER, cluster);
                JsonNode deploymentManifest = Federation.manifest(client, work, 0);
                assertThat(deploymentManifest.path("status").isMissingNode()).isTrue();
                assertThat(deploymentManifest.path("metadata").has("uid")).isFalse();
                String image = deploymentManifest
                        .at("/spec/template/spec/containers/0/image")
                        .asText();
                assertThat(image)
                        .isEqualTo(
                                cluster.equals("eu-west")
                                        ? "registry.eu.example.com/library/nginx:1.25"
                                        : "docker.io/library/nginx:1.25");
                JsonNode configMap = Federation.manifest(client, work, 1);
                assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
                assertThat(configMap.at("/data/greeting").asText()).isEqualTo("hello");
            }
            assertThat(Federation.work(client, "eu-west", "Deployment", ns, "web")
                            .getMetadata()
                            .getAnnotations())
                    .containsEntry(MeridianAnnotations.APPLIED_OVERRIDES, ns + "/eu-registry");
        });
        Map<String, String> uids = new HashMap<>();
        for (String cluster : CLUSTERS) {
            uids.put(
                    cluster,
                    Federation.work(client, cluster, "Deployment", ns, "web")
                            .getMetadata()
                            .getUid());
        }

        // A change to the ConfigMap follows into every Work.
        client.configMaps().inNamespace(ns).withName("web-config").edit(cm -> {
            cm.getData().put("greeting", "bonjour");
            return cm;
        });
        await().atMost(WAIT).untilAsserted(() -> {
            for (String cluster : CLUSTERS) {
                Work work = Federation.work(client, cluster, "Deployment", ns, "web");
                assertThat(Federation.manifest(client, work, 1)
                                .at("/data/greeting")
                                .asText())
                        .isEqualTo("bonjour");
            }
        });

        // More replicas: no cluster loses any, the Works are updated in place.
        client.apps().deployments().inNamespace(ns).withName("web").scale(10);
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Integer> replicas = replicasByCluster(ns);
            assertThat(replicas.values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(10);
            assertThat(replicas.get("us-east")).isEqualTo(5);
            assertThat(replicas.get("eu-west")).isGreaterThanOrEqualTo(2);
            assertThat(replicas.get("ap-south")).isGreaterThanOrEqualTo(2);
        });
        for (String cluster : CLUSTERS) {
            assertThat(Federation.work(client, cluster, "Deployment", ns, "web")
                            .getMetadata()
                            .getUid())
                    .isEqualTo(uids.get(cluster));
        }

        // The syncers report: the federated Deployment shows the sums, READY 10/10 in kubectl's table.
        for (String cluster : CLUSTERS) {
            Federation.reportApplied(
                    client, Federation.work(client, cluster, "Deployment", ns, "web"), Federation::readyDeployment);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            Deployment web = Federation.deployment(client, ns, "web");
            assertThat(web.getStatus()).isNotNull();
            assertThat(web.getStatus().getReadyReplicas()).isEqualTo(10);
            assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(10);
            assertThat(web.getStatus().getUpdatedReplicas()).isEqualTo(10);
            assertThat(web.getStatus().getReplicas()).isEqualTo(10);
            assertThat(readyColumn(ns, "web")).isEqualTo("10/10");
            ResourceBinding binding = binding(ns);
            Condition applied = Conditions.find(binding.getStatus().conditions(), ConditionTypes.FULLY_APPLIED)
                    .orElseThrow();
            assertThat(applied.status()).isEqualTo(ConditionStatus.TRUE);
            assertThat(binding.getStatus().aggregatedStatus())
                    .extracting(
                            AggregatedStatusItem::clusterName,
                            AggregatedStatusItem::applied,
                            AggregatedStatusItem::health)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("us-east", true, ResourceHealth.HEALTHY),
                            org.assertj.core.groups.Tuple.tuple("eu-west", true, ResourceHealth.HEALTHY),
                            org.assertj.core.groups.Tuple.tuple("ap-south", true, ResourceHealth.HEALTHY));
        });

        // Deleting the Deployment removes it from every member before it goes.
        client.apps().deployments().inNamespace(ns).withName("web").delete();
        await().atMost(WAIT).untilAsserted(() -> {
            List<Work> works = Federation.worksOf(client, ns, "web-deployment");
            assertThat(works).hasSize(3);
            assertThat(works)
                    .allSatisfy(w ->
                            assertThat(w.getMetadata().getDeletionTimestamp()).isNotNull());
        });
        assertThat(Federation.deployment(client, ns, "web")).isNotNull();
        assertThat(binding(ns)).isNotNull();
        Federation.releaseWorks(client, Federation.worksOf(client, ns, "web-deployment"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(Federation.worksOf(client, ns, "web-deployment")).isEmpty();
            assertThat(binding(ns)).isNull();
            assertThat(Federation.deployment(client, ns, "web")).isNull();
        });
    }

    private String readyColumn(String namespace, String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        api.url() + "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name))
                                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode table = client.getKubernetesSerialization().unmarshal(response.body(), JsonNode.class);
        int column = 0;
        for (JsonNode definition : table.path("columnDefinitions")) {
            if (definition.path("name").asText().equals("Ready")) {
                return table.path("rows").path(0).path("cells").path(column).asText();
            }
            column++;
        }
        throw new AssertionError("no Ready column in " + response.body());
    }
}
