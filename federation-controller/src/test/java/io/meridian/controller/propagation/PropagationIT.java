package io.meridian.controller.propagation;

import static io.meridian.controller.propagation.Federation.CLUSTERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Finalizers;
import io.meridian.api.model.names.MeridianAnnotations;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.Placement;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.policy.ReplicaScheduling;
import io.meridian.api.model.policy.StaticClusterWeight;
import io.meridian.api.model.work.AggregatedStatusItem;
import io.meridian.api.model.work.ClusterResourceBinding;
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

    private static final String BROKEN_OVERRIDE = """
            apiVersion: meridian.io/v1alpha1
            kind: OverridePolicy
            metadata:
              name: broken
              namespace: %s
            spec:
              overrideRules:
              - targetCluster: {clusterNames: [ap-south]}
                overriders:
                  plaintext:
                  - op: replace
                    path: /spec/template/spec/doesNotExist/field
                    value: x
            """;

    @Test
    void badInputBecomesConditionsAndEventsAndDisturbsNothingElse() {
        String ns = "bad";
        deployWeb(ns, 8);
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(replicasByCluster(ns)).isEqualTo(Map.of("us-east", 4, "eu-west", 2, "ap-south", 2)));
        String apSouthVersion = Federation.work(client, "ap-south", "Deployment", ns, "web")
                .getMetadata()
                .getResourceVersion();

        // An override patch that does not apply: ap-south's Work stays as it was, the others follow the template.
        client.resource(Federation.load(client, BROKEN_OVERRIDE.formatted(ns), OverridePolicy.class))
                .create();
        client.apps().deployments().inNamespace(ns).withName("web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("docker.io/library/nginx:1.26");
            return d;
        });
        await().atMost(WAIT).untilAsserted(() -> {
            for (String cluster : List.of("us-east", "eu-west")) {
                assertThat(image(Federation.work(client, cluster, "Deployment", ns, "web")))
                        .endsWith("nginx:1.26");
            }
            Condition applied = condition(binding(ns), ConditionTypes.FULLY_APPLIED);
            assertThat(applied.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(applied.reason()).isEqualTo("ApplyFailed");
            assertThat(applied.message())
                    .contains("ap-south")
                    .contains("OverridePolicy bad/broken rule 0, plaintext[0]");
            assertThat(Federation.events(client, ns, "ResourceBinding", "web-deployment"))
                    .anySatisfy(e -> {
                        assertThat(e.getReason()).isEqualTo("OverrideFailed");
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getReportingController()).isEqualTo("meridian-controller");
                        assertThat(e.getNote()).contains("ap-south");
                    });
        });
        Work apSouth = Federation.work(client, "ap-south", "Deployment", ns, "web");
        assertThat(apSouth.getMetadata().getResourceVersion()).isEqualTo(apSouthVersion);
        assertThat(image(apSouth)).endsWith("nginx:1.25");

        // Once the policy is fixed (here: removed), ap-south catches up.
        client.resources(OverridePolicy.class)
                .inNamespace(ns)
                .withName("broken")
                .delete();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(image(Federation.work(client, "ap-south", "Deployment", ns, "web")))
                        .endsWith("nginx:1.26"));
        Map<String, String> versions = workVersions(ns);

        // A selector the schema lets through but that selects nothing sensible: Scheduled False, placement kept.
        PropagationSpec invalid = Federation.load(client, DIVIDED_POLICY.formatted(ns) + """
                                    clusterAffinity:
                                      labelSelector:
                                        matchExpressions:
                                        - {key: region, operator: In}
                                """, PropagationPolicy.class)
                .getSpec();
        assertThat(invalid.placement().clusterAffinity()).isNotNull();
        client.resources(PropagationPolicy.class)
                .inNamespace(ns)
                .withName("web")
                .edit(p -> {
                    p.setSpec(invalid);
                    return p;
                });
        await().atMost(WAIT).untilAsserted(() -> {
            ResourceBinding binding = binding(ns);
            Condition scheduled = condition(binding, ConditionTypes.SCHEDULED);
            assertThat(scheduled.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(scheduled.reason()).isEqualTo("SchedulerError");
            assertThat(scheduled.message())
                    .contains("PropagationPolicy bad/web is invalid")
                    .contains("spec.placement.clusterAffinity.labelSelector.matchExpressions[0].values");
            assertThat(binding.getSpec().clusters()).hasSize(3);
            assertThat(Federation.events(client, ns, "ResourceBinding", "web-deployment"))
                    .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("SchedulerError"));
            assertThat(Federation.events(client, ns, "PropagationPolicy", "web"))
                    .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("InvalidPolicy"));
        });
        assertThat(workVersions(ns)).isEqualTo(versions);

        // A weight of zero is refused by the API itself; weights that name no existing cluster fit nothing.
        assertThatThrownBy(() -> client.resources(PropagationPolicy.class)
                        .inNamespace(ns)
                        .withName("web")
                        .edit(p -> withWeights(p, 0, "us-east")))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422));
        client.resources(PropagationPolicy.class)
                .inNamespace(ns)
                .withName("web")
                .edit(p -> withWeights(p, 1, "mars"));
        await().atMost(WAIT).untilAsserted(() -> {
            ResourceBinding binding = binding(ns);
            Condition scheduled = condition(binding, ConditionTypes.SCHEDULED);
            assertThat(scheduled.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(scheduled.reason()).isEqualTo("NoClusterFit");
            assertThat(scheduled.message()).contains("0/3 clusters are available");
            assertThat(binding.getSpec().clusters()).hasSize(3);
            assertThat(Federation.events(client, ns, "Deployment", "web"))
                    .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("NoClusterFit"));
        });
        assertThat(workVersions(ns)).isEqualTo(versions);

        // A member that refuses a manifest: FullyApplied False with the member's words, and an Event.
        client.resources(PropagationPolicy.class)
                .inNamespace(ns)
                .withName("web")
                .edit(p -> {
                    p.setSpec(Federation.load(client, DIVIDED_POLICY.formatted(ns), PropagationPolicy.class)
                            .getSpec());
                    return p;
                });
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                condition(binding(ns), ConditionTypes.SCHEDULED).status())
                        .isEqualTo(ConditionStatus.TRUE));
        String refusal =
                "admission webhook \"policy.example.com\" denied the request: privileged containers are not allowed";
        Federation.reportRejected(client, Federation.work(client, "us-east", "Deployment", ns, "web"), refusal);
        await().atMost(WAIT).untilAsserted(() -> {
            Condition applied = condition(binding(ns), ConditionTypes.FULLY_APPLIED);
            assertThat(applied.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(applied.reason()).isEqualTo("ApplyFailed");
            assertThat(applied.message()).contains("us-east").contains(refusal);
            assertThat(Federation.events(client, ns, "Deployment", "web")).anySatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("ApplyFailed");
                assertThat(e.getNote()).contains(refusal);
            });
        });
        assertThat(workVersions(ns)).isEqualTo(versions);
    }

    @Test
    void aClusterScopedObjectGetsAClusterResourceBindingAndAnUnselectedObjectIsLeftAlone() {
        client.namespaces()
                .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                        .withNewMetadata()
                        .withName("team-a")
                        .addToLabels("federate", "yes")
                        .endMetadata()
                        .build())
                .create();
        client.resource(Federation.load(client, """
                        apiVersion: meridian.io/v1alpha1
                        kind: ClusterPropagationPolicy
                        metadata:
                          name: team-namespaces
                        spec:
                          resourceSelectors:
                          - apiVersion: v1
                            kind: Namespace
                            labelSelector:
                              matchLabels: {federate: "yes"}
                        """, ClusterPropagationPolicy.class))
                .create();
        Federation.namespace(client, "quiet");
        client.resource(Federation.load(client, DEPLOYMENT.formatted("quiet", 3), Deployment.class))
                .create();

        await().atMost(WAIT).untilAsserted(() -> {
            ClusterResourceBinding binding = client.resources(ClusterResourceBinding.class)
                    .withName("team-a-namespace")
                    .get();
            assertThat(binding).isNotNull();
            assertThat(binding.getSpec().replicas()).isNull();
            assertThat(binding.getSpec().clusters())
                    .extracting(TargetCluster::name)
                    .containsExactly("ap-south", "eu-west", "us-east");
            assertThat(binding.getMetadata().getLabels())
                    .containsEntry(MeridianLabels.POLICY_NAME, "team-namespaces")
                    .doesNotContainKey(MeridianLabels.POLICY_NAMESPACE);
            for (String cluster : CLUSTERS) {
                Work work = Federation.work(client, cluster, "Namespace", null, "team-a");
                assertThat(work).isNotNull();
                assertThat(work.getMetadata().getLabels())
                        .containsEntry(MeridianLabels.BINDING_NAME, "team-a-namespace")
                        .doesNotContainKey(MeridianLabels.BINDING_NAMESPACE);
                assertThat(Federation.manifest(client, work, 0)
                                .at("/metadata/name")
                                .asText())
                        .isEqualTo("team-a");
            }
        });
        assertThat(client.namespaces().withName("team-a").get().getMetadata().getFinalizers())
                .contains(Finalizers.CLEANUP);

        // No policy selects the Deployment in "quiet": nothing touches it.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Deployment quiet = Federation.deployment(client, "quiet", "web");
            assertThat(quiet.getMetadata().getFinalizers()).isNullOrEmpty();
            assertThat(quiet.getMetadata().getLabels()).doesNotContainKey(MeridianLabels.POLICY_NAME);
            assertThat(client.resources(ResourceBinding.class)
                            .inNamespace("quiet")
                            .list()
                            .getItems())
                    .isEmpty();
        });
    }

    @Test
    void anObjectNoPolicySelectsAnyMoreIsRemovedFromTheMembersAndReleased() {
        String ns = "unbound";
        deployWeb(ns, 4);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Federation.worksOf(client, ns, "web-deployment"))
                        .hasSize(3));

        client.resources(PropagationPolicy.class)
                .inNamespace(ns)
                .withName("web")
                .delete();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(binding(ns)).isNull();
            assertThat(Federation.worksOf(client, ns, "web-deployment"))
                    .hasSize(3)
                    .allSatisfy(w ->
                            assertThat(w.getMetadata().getDeletionTimestamp()).isNotNull());
        });
        assertThat(Federation.deployment(client, ns, "web").getMetadata().getFinalizers())
                .contains(Finalizers.CLEANUP);
        Federation.releaseWorks(client, Federation.worksOf(client, ns, "web-deployment"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(Federation.worksOf(client, ns, "web-deployment")).isEmpty();
            Deployment web = Federation.deployment(client, ns, "web");
            assertThat(web).isNotNull();
            assertThat(web.getMetadata().getFinalizers()).doesNotContain(Finalizers.CLEANUP);
            assertThat(web.getMetadata().getLabels())
                    .doesNotContainKey(MeridianLabels.POLICY_NAME)
                    .doesNotContainKey(MeridianLabels.POLICY_NAMESPACE);
        });
    }

    @Test
    void aLoadBalancerServiceShowsTheIngressOfEveryCluster() {
        String ns = "edge";
        Federation.namespace(client, ns);
        client.resource(Federation.load(client, """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: web, namespace: edge}
                        spec:
                          type: LoadBalancer
                          selector: {app: web}
                          ports: [{port: 80}]
                        """, io.fabric8.kubernetes.api.model.Service.class))
                .create();
        client.resource(Federation.load(client, """
                        apiVersion: meridian.io/v1alpha1
                        kind: PropagationPolicy
                        metadata: {name: web, namespace: edge}
                        spec:
                          resourceSelectors: [{apiVersion: v1, kind: Service, name: web}]
                        """, PropagationPolicy.class)).create();
        await().atMost(WAIT).untilAsserted(() -> {
            for (String cluster : CLUSTERS) {
                Work work = Federation.work(client, cluster, "Service", ns, "web");
                assertThat(work).as("Work in %s", cluster).isNotNull();
                JsonNode spec = Federation.manifest(client, work, 0).path("spec");
                assertThat(spec.has("clusterIP"))
                        .as("the federation's cluster IP stays behind")
                        .isFalse();
                assertThat(spec.at("/ports/0").has("nodePort")).isFalse();
            }
        });
        int octet = 10;
        for (String cluster : CLUSTERS) {
            String ip = "203.0.113." + octet++;
            Federation.reportApplied(client, Federation.work(client, cluster, "Service", ns, "web"), manifest -> {
                var status = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                status.putObject("loadBalancer").putArray("ingress").addObject().put("ip", ip);
                return status;
            });
        }
        await().atMost(WAIT).untilAsserted(() -> {
            var service = client.services().inNamespace(ns).withName("web").get();
            assertThat(service.getStatus().getLoadBalancer().getIngress())
                    .extracting(io.fabric8.kubernetes.api.model.LoadBalancerIngress::getIp)
                    .containsExactlyInAnyOrder("203.0.113.10", "203.0.113.11", "203.0.113.12");
        });
    }

    private static PropagationPolicy withWeights(PropagationPolicy policy, int weight, String cluster) {
        PropagationSpec spec = policy.getSpec();
        policy.setSpec(spec.toBuilder()
                .placement(new Placement(
                        null,
                        null,
                        null,
                        ReplicaScheduling.weighted(List.of(new StaticClusterWeight(
                                io.meridian.api.model.policy.ClusterAffinity.names(cluster), weight)))))
                .build());
        return policy;
    }

    private static Condition condition(HasMetadata binding, String type) {
        @SuppressWarnings("unchecked")
        var status = ((io.fabric8.kubernetes.client.CustomResource<?, io.meridian.api.model.work.ResourceBindingStatus>)
                        binding)
                .getStatus();
        assertThat(status).as("status of %s", binding.getMetadata().getName()).isNotNull();
        return Conditions.find(status.conditions(), type)
                .orElseThrow(() -> new AssertionError(
                        "no condition " + type + " on " + binding.getMetadata().getName()));
    }

    private String image(Work work) {
        return Federation.manifest(client, work, 0)
                .at("/spec/template/spec/containers/0/image")
                .asText();
    }

    /** The generation of each Work of {@code namespace}/web: it moves only when the Work's spec changes. */
    private Map<String, String> workVersions(String namespace) {
        Map<String, String> versions = new HashMap<>();
        for (Work work : Federation.worksOf(client, namespace, "web-deployment")) {
            versions.put(
                    work.getMetadata().getNamespace(),
                    String.valueOf(work.getMetadata().getGeneration()));
        }
        return versions;
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
