package io.meridian.fedctl.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.ResourceHealth;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Target WEB = new Target("apps/v1", "Deployment", "shop", "web", "uid-1", 2L);

    private static final String SCHEDULED = """
            apiVersion: meridian.io/v1alpha1
            kind: ResourceBinding
            metadata: {name: web-deployment, namespace: shop, generation: 3}
            spec:
              resource: {apiVersion: apps/v1, kind: Deployment, namespace: shop, name: web, uid: uid-1}
              replicas: 8
              clusters: [{name: us-east, replicas: 4}, {name: eu-west, replicas: 2}, {name: ap-south, replicas: 2}]
            status:
              schedulerObservedGeneration: 3
              conditions:
              - {type: Scheduled, status: "True", reason: Scheduled, message: scheduled, observedGeneration: 3}
            """;

    private static ResourceBinding binding(String yaml) {
        return YAML.unmarshal(yaml, ResourceBinding.class);
    }

    private static String withStatus(String appliedStatus, String... items) {
        StringBuilder b = new StringBuilder(SCHEDULED);
        b.append("  - {type: FullyApplied, status: \"")
                .append(appliedStatus)
                .append("\", reason: ")
                .append(appliedStatus.equals("True") ? "Applied" : "PartiallyApplied")
                .append(", message: m, observedGeneration: 3}\n");
        b.append("  aggregatedStatus:\n");
        for (String item : items) {
            b.append("  - ").append(item).append('\n');
        }
        return b.toString();
    }

    private static String item(String cluster, boolean applied, String health, int ready) {
        return "{clusterName: " + cluster + ", applied: " + applied + ", health: " + health
                + ", status: {readyReplicas: " + ready + "}}";
    }

    private static GenericKubernetesResource deployment(long observedGeneration) {
        return YAML.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, uid: uid-1, generation: 2}
                status: {observedGeneration: %d}
                """.formatted(observedGeneration), GenericKubernetesResource.class);
    }

    private static Map<String, ClusterHealth> allReady() {
        Map<String, ClusterHealth> m = new HashMap<>();
        for (String c : new String[] {"us-east", "eu-west", "ap-south"}) {
            m.put(c, new ClusterHealth(c, true, "ClusterReady", null));
        }
        return m;
    }

    private static final String ALL_HEALTHY = withStatus(
            "True",
            item("us-east", true, "Healthy", 4),
            item("eu-west", true, "Healthy", 2),
            item("ap-south", true, "Healthy", 2));

    @Test
    void withoutABindingItIsPending() {
        WorkloadProgress p = Readiness.evaluate(WEB, null, deployment(2), allReady());
        assertThat(p.phase()).isEqualTo(Phase.PENDING);
        assertThat(p.summary()).isEqualTo("not bound yet");
        assertThat(p.clusters()).isEmpty();
    }

    @Test
    void aBindingOfAnEarlierObjectOfTheSameNameDoesNotCount() {
        Target recreated = new Target("apps/v1", "Deployment", "shop", "web", "uid-2", 1L);
        assertThat(Readiness.evaluate(recreated, binding(ALL_HEALTHY), deployment(2), allReady())
                        .phase())
                .isEqualTo(Phase.PENDING);
    }

    @Test
    void readyWhenEveryClusterAppliedItAndIsHealthy() {
        WorkloadProgress p = Readiness.evaluate(WEB, binding(ALL_HEALTHY), deployment(2), allReady());
        assertThat(p.phase()).isEqualTo(Phase.READY);
        assertThat(p.summary()).isEqualTo("8/8 replicas ready in 3 clusters");
        assertThat(p.clusters()).extracting(ClusterProgress::cluster).containsExactly("ap-south", "eu-west", "us-east");
        assertThat(p.clusters()).extracting(ClusterProgress::readyText).containsExactly("2/2", "2/2", "4/4");
    }

    @Test
    void notReadyUntilTheAggregatedStatusHasSeenTheAppliedGeneration() {
        WorkloadProgress p = Readiness.evaluate(WEB, binding(ALL_HEALTHY), deployment(1), allReady());
        assertThat(p.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(p.summary()).isEqualTo("8/8 replicas ready; waiting for the status of the new version");
    }

    @Test
    void progressingNamesTheClustersBehind() {
        String yaml = withStatus(
                "False",
                item("us-east", true, "Healthy", 4),
                item("eu-west", true, "Unhealthy", 1),
                item("ap-south", false, "Unknown", 0));
        WorkloadProgress p = Readiness.evaluate(WEB, binding(yaml), deployment(2), allReady());
        assertThat(p.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(p.summary()).isEqualTo("applied in 2 of 3 clusters; waiting for ap-south");

        String applied = withStatus(
                "True",
                item("us-east", true, "Healthy", 4),
                item("eu-west", true, "Unhealthy", 1),
                item("ap-south", true, "Healthy", 2));
        assertThat(Readiness.evaluate(WEB, binding(applied), deployment(2), allReady())
                        .summary())
                .isEqualTo("7/8 replicas ready (eu-west 1/2)");
    }

    @Test
    void aClusterThatIsNotReadyMakesItDegradedAndItsLastReportStale() {
        Map<String, ClusterHealth> clusters = allReady();
        clusters.put("eu-west", new ClusterHealth("eu-west", false, "HeartbeatExpired", "no heartbeat for 20s"));
        WorkloadProgress p = Readiness.evaluate(WEB, binding(ALL_HEALTHY), deployment(2), clusters);
        assertThat(p.phase()).isEqualTo(Phase.DEGRADED);
        assertThat(p.ready()).isFalse();
        assertThat(p.summary())
                .isEqualTo("eu-west is NotReady (HeartbeatExpired); 6/8 replicas ready in Ready clusters");
        ClusterProgress eu = p.clusters().stream()
                .filter(c -> c.cluster().equals("eu-west"))
                .findFirst()
                .orElseThrow();
        assertThat(eu.health()).isEqualTo(ResourceHealth.UNKNOWN);
        assertThat(eu.clusterState()).isEqualTo("NotReady (HeartbeatExpired)");
        assertThat(eu.message()).isEqualTo("cluster not Ready: no heartbeat for 20s; last reported Healthy");
    }

    @Test
    void aClusterTheFederationNoLongerKnowsIsNotReady() {
        Map<String, ClusterHealth> clusters = allReady();
        clusters.remove("ap-south");
        assertThat(Readiness.evaluate(WEB, binding(ALL_HEALTHY), deployment(2), clusters)
                        .phase())
                .isEqualTo(Phase.DEGRADED);
    }

    @Test
    void unschedulableCarriesTheSchedulersReason() {
        String yaml = """
                apiVersion: meridian.io/v1alpha1
                kind: ResourceBinding
                metadata: {name: web-deployment, namespace: shop, generation: 1}
                spec:
                  resource: {apiVersion: apps/v1, kind: Deployment, namespace: shop, name: web, uid: uid-1}
                  replicas: 8
                status:
                  conditions:
                  - {type: Scheduled, status: "False", reason: NoClusterFit, message: "0/3 clusters are available"}
                """;
        WorkloadProgress p = Readiness.evaluate(WEB, binding(yaml), deployment(2), allReady());
        assertThat(p.phase()).isEqualTo(Phase.UNSCHEDULABLE);
        assertThat(p.summary()).isEqualTo("0/3 clusters are available");
    }

    @Test
    void aFailedApplyIsFailed() {
        String yaml = SCHEDULED
                + "  - {type: FullyApplied, status: \"False\", reason: ApplyFailed, message: \"eu-west: quota\","
                + " observedGeneration: 3}\n";
        WorkloadProgress p = Readiness.evaluate(WEB, binding(yaml), deployment(2), allReady());
        assertThat(p.phase()).isEqualTo(Phase.FAILED);
        assertThat(p.summary()).isEqualTo("eu-west: quota");
    }

    @Test
    void clusterHealthReadsTheReadyCondition() {
        Cluster dark = YAML.unmarshal("""
                apiVersion: meridian.io/v1alpha1
                kind: Cluster
                metadata: {name: eu-west}
                spec: {region: eu-west}
                status:
                  conditions:
                  - {type: Ready, status: "False", reason: HeartbeatExpired, message: late}
                """, Cluster.class);
        assertThat(ClusterHealth.of(dark)).isEqualTo(new ClusterHealth("eu-west", false, "HeartbeatExpired", "late"));
        assertThat(ClusterHealth.of(dark).text()).isEqualTo("NotReady (HeartbeatExpired)");
    }
}
