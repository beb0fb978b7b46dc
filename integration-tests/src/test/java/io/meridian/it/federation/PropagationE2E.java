package io.meridian.it.federation;

import static io.meridian.it.federation.FederationExtension.CONVERGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.meridian.api.model.names.Finalizers;
import io.meridian.api.model.names.MeridianAnnotations;
import io.meridian.it.apiserver.kubectl.KubectlResult;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import io.meridian.sandbox.fault.FaultMode;
import io.meridian.sandbox.member.MemberClustersExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A workload's way from the federation API to three member clusters and its status back, with real
 * processes: a Deployment and a PropagationPolicy go in through the federation API, the members run
 * their shares, and the federated Deployment reports the sum, as {@code kubectl get deploy} shows.
 */
class PropagationE2E {

    @RegisterExtension
    @Order(1)
    static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static ApiServerExtension api = ApiServerExtension.on(etcd);

    @RegisterExtension
    @Order(3)
    static MemberClustersExtension members = MemberClustersExtension.regions("us-east", "eu-west", "ap-south")
            .on(etcd)
            .configure(b -> b.readinessDelay(Duration.ofMillis(200)));

    @RegisterExtension
    @Order(4)
    static FederationExtension federation = FederationExtension.on(api, members);

    private static final List<String> CLUSTERS = List.of("us-east", "eu-west", "ap-south");

    @Test
    void aDeploymentDividedTwoToOneToOneRunsFourTwoTwoAndReportsEightReady() {
        String ns = "divide";
        federation
                .kubectl()
                .okWithInput(
                        String.join(
                                "---\n",
                                Manifests.namespace(ns),
                                Manifests.deployment(ns, "web", 8),
                                Manifests.dividedPolicy(
                                        ns, "web", Manifests.weights("us-east", 2, "eu-west", 1, "ap-south", 1))),
                        "apply",
                        "-f",
                        "-");

        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberReplicas(ns, "web"))
                        .isEqualTo(Map.of("us-east", 4, "eu-west", 2, "ap-south", 2)));
        await().atMost(CONVERGE).untilAsserted(() -> {
            Deployment web = federation.deployment(ns, "web");
            assertThat(web.getStatus()).isNotNull();
            assertThat(web.getStatus().getReadyReplicas()).isEqualTo(8);
            assertThat(ready(ns, "web")).isEqualTo("8/8");
        });
    }

    @Test
    void scalingTheFederatedDeploymentRebalancesTheMembers() {
        String ns = "rebalance";
        federation.propagate(ns, "web", 8, Manifests.weights("us-east", 2, "eu-west", 1, "ap-south", 1));
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberReplicas(ns, "web"))
                        .isEqualTo(Map.of("us-east", 4, "eu-west", 2, "ap-south", 2)));

        federation.client().apps().deployments().inNamespace(ns).withName("web").scale(12);

        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberReplicas(ns, "web"))
                        .isEqualTo(Map.of("us-east", 6, "eu-west", 3, "ap-south", 3)));
        await().atMost(CONVERGE).untilAsserted(() -> {
            Deployment web = federation.deployment(ns, "web");
            assertThat(web.getStatus().getReplicas()).isEqualTo(12);
            assertThat(web.getStatus().getReadyReplicas()).isEqualTo(12);
            assertThat(ready(ns, "web")).isEqualTo("12/12");
        });
    }

    @Test
    void anOverridePolicyChangesTheImageInEuWestOnly() {
        String ns = "override";
        federation.propagate(ns, "web", 3, Manifests.weights("us-east", 1, "eu-west", 1, "ap-south", 1));
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(memberImages(ns, "web"))
                        .isEqualTo(Map.of(
                                "us-east", Manifests.IMAGE, "eu-west", Manifests.IMAGE, "ap-south", Manifests.IMAGE)));

        federation.apply(Manifests.overridePolicy(
                ns,
                "eu-mirror",
                "web",
                "eu-west",
                "{imageOverrider: [{component: Registry, operator: replace, value: mirror.eu.example.com}]}"));

        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(memberImages(ns, "web"))
                        .isEqualTo(Map.of(
                                "us-east", Manifests.IMAGE,
                                "eu-west", "mirror.eu.example.com/team/web:1.0",
                                "ap-south", Manifests.IMAGE)));
        // The federated object itself is not rewritten: overrides live in the Works only.
        assertThat(federation
                        .deployment(ns, "web")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .isEqualTo(Manifests.IMAGE);
        assertThat(federation
                        .work("eu-west", "Deployment", ns, "web")
                        .getMetadata()
                        .getAnnotations())
                .containsEntry(MeridianAnnotations.APPLIED_OVERRIDES, "override/eu-mirror");
        assertThat(Objects.requireNonNullElse(
                        federation
                                .work("us-east", "Deployment", ns, "web")
                                .getMetadata()
                                .getAnnotations(),
                        Map.<String, String>of()))
                .doesNotContainKey(MeridianAnnotations.APPLIED_OVERRIDES);
        // A rule for eu-west does not stop the others from following the template.
        federation.client().apps().deployments().inNamespace(ns).withName("web").scale(6);
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberReplicas(ns, "web"))
                        .isEqualTo(Map.of("us-east", 2, "eu-west", 2, "ap-south", 2)));
        assertThat(memberImages(ns, "web")).containsEntry("eu-west", "mirror.eu.example.com/team/web:1.0");
    }

    @Test
    void aConfigMapTheDeploymentUsesFollowsItToTheSameClustersAndSoDoItsChanges() {
        String ns = "deps";
        federation.apply(Manifests.namespace(ns));
        federation.apply(Manifests.configMap(ns, "web-config", Map.of("MODE", "blue")));
        federation.apply(Manifests.deploymentUsing(ns, "web", 4, "web-config"));
        // Only us-east and eu-west: ap-south must get neither the workload nor its ConfigMap.
        federation.apply(Manifests.dividedPolicy(ns, "web", Manifests.weights("us-east", 1, "eu-west", 1)));

        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(federation.memberReplicas(ns, "web"))
                    .isEqualTo(Map.of("us-east", 2, "eu-west", 2, "ap-south", -1));
            assertThat(memberConfigMaps(ns, "web-config"))
                    .isEqualTo(Map.of("us-east", "blue", "eu-west", "blue", "ap-south", "<none>"));
        });

        federation.client().configMaps().inNamespace(ns).withName("web-config").edit(cm -> {
            cm.getData().put("MODE", "green");
            return cm;
        });

        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(memberConfigMaps(ns, "web-config"))
                        .isEqualTo(Map.of("us-east", "green", "eu-west", "green", "ap-south", "<none>")));
    }

    @Test
    void deletingTheFederatedDeploymentRemovesEveryMemberCopyBeforeItGoes() {
        String ns = "teardown";
        federation.propagate(ns, "web", 3, Manifests.weights("us-east", 1, "eu-west", 1, "ap-south", 1));
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberReplicas(ns, "web"))
                        .isEqualTo(Map.of("us-east", 1, "eu-west", 1, "ap-south", 1)));

        // With ap-south away, its copy cannot be removed yet: the federated object must wait for it.
        members.cluster("ap-south").fail(FaultMode.DOWN);
        federation.client().apps().deployments().inNamespace(ns).withName("web").delete();

        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberReplicas(ns, "web"))
                        .isEqualTo(Map.of("us-east", -1, "eu-west", -1, "ap-south", 1)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Deployment web = federation.deployment(ns, "web");
            assertThat(web)
                    .as("the federated Deployment while ap-south still has a copy")
                    .isNotNull();
            assertThat(web.getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(web.getMetadata().getFinalizers()).contains(Finalizers.CLEANUP);
        });

        members.cluster("ap-south").heal();
        // Once the federation has let the object go, no member may still hold a copy: a failed check
        // here ends the wait at once (only untilAsserted retries on an assertion).
        await().atMost(CONVERGE).until(() -> {
            boolean gone = federation.deployment(ns, "web") == null;
            if (gone) {
                assertThat(federation.memberReplicas(ns, "web"))
                        .as("member copies once the federated Deployment is gone")
                        .isEqualTo(Map.of("us-east", -1, "eu-west", -1, "ap-south", -1));
            }
            return gone;
        });
        assertThat(federation.worksOf("Deployment", ns, "web")).isEmpty();
        assertThat(federation.binding("Deployment", ns, "web")).isNull();
    }

    // --- helpers ---------------------------------------------------------------------------

    private static Map<String, String> memberImages(String namespace, String name) {
        Map<String, String> images = new LinkedHashMap<>();
        for (String cluster : CLUSTERS) {
            Deployment d = federation.memberDeployment(cluster, namespace, name);
            images.put(
                    cluster,
                    d == null
                            ? "<none>"
                            : d.getSpec()
                                    .getTemplate()
                                    .getSpec()
                                    .getContainers()
                                    .getFirst()
                                    .getImage());
        }
        return images;
    }

    /** The MODE value of each member's copy of the ConfigMap, {@code <none>} where there is none. */
    private static Map<String, String> memberConfigMaps(String namespace, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String cluster : CLUSTERS) {
            ConfigMap cm = members.cluster(cluster)
                    .client()
                    .configMaps()
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            values.put(cluster, cm == null ? "<none>" : cm.getData().get("MODE"));
        }
        return values;
    }

    /** The READY column of {@code kubectl get deploy name}, against the federation API. */
    private static String ready(String namespace, String name) {
        KubectlResult result = federation.kubectl().ok("get", "deploy", name, "-n", namespace);
        List<String> lines = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("kubectl get deploy output:\n%s", result.stdout()).hasSize(2);
        List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
        String[] row = lines.get(1).trim().split("\\s+");
        assertThat(header).as("kubectl get deploy header").contains("READY");
        return row[header.indexOf("READY")];
    }
}
