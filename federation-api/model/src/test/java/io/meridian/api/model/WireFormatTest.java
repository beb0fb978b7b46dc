package io.meridian.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.ClusterStatus;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.drill.DrillAction;
import io.meridian.api.model.drill.DrillPhase;
import io.meridian.api.model.drill.DrillTarget;
import io.meridian.api.model.drill.FailoverDrill;
import io.meridian.api.model.drill.FailoverDrillSpec;
import io.meridian.api.model.drill.FailoverDrillStatus;
import io.meridian.api.model.drill.TimelineEvent;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.policy.ClusterAffinity;
import io.meridian.api.model.policy.Placement;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.policy.ReplicaScheduling;
import io.meridian.api.model.policy.ResourceSelector;
import io.meridian.api.model.policy.StaticClusterWeight;
import io.meridian.api.model.work.ManifestStatus;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.ResourceIdentifier;
import io.meridian.api.model.work.ResourceReference;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.api.model.work.Work;
import io.meridian.api.model.work.WorkSpec;
import io.meridian.api.model.work.WorkStatus;
import io.meridian.api.model.work.WorkloadTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objects built in Java, as controllers build them, and the JSON they become. */
class WireFormatTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Instant NOW = Instant.parse("2025-05-01T10:00:00Z");

    @Test
    void clusterWritesEnumsAsTheApiSpellsThemAndLeavesEmptyFieldsOut() {
        Cluster cluster = new Cluster(
                "us-east-1",
                ClusterSpec.builder()
                        .region("us-east")
                        .syncMode(SyncMode.PULL)
                        .taints(List.of())
                        .build());
        cluster.setStatus(ClusterStatus.builder()
                .conditions(List.of(
                        Condition.of(ConditionTypes.READY, ConditionStatus.UNKNOWN, "HeartbeatExpired", "", NOW)))
                .build());

        JsonNode json = tree(cluster);

        assertThat(json.path("apiVersion").asText()).isEqualTo("meridian.io/v1alpha1");
        assertThat(json.path("kind").asText()).isEqualTo("Cluster");
        assertThat(json.path("spec").toString()).isEqualTo("{\"region\":\"us-east\",\"syncMode\":\"Pull\"}");
        JsonNode ready = json.path("status").path("conditions").get(0);
        assertThat(ready.path("status").asText()).isEqualTo("Unknown");
        assertThat(ready.path("lastTransitionTime").asText()).isEqualTo("2025-05-01T10:00:00Z");
        assertThat(ready.has("message")).isFalse();
        assertThat(json.path("status").has("apiEnablements")).isFalse();
    }

    @Test
    void absentCollectionsReadAsEmptyAndCannotBeModified() {
        Cluster cluster = SERIALIZATION.unmarshal(
                "{\"apiVersion\":\"meridian.io/v1alpha1\",\"kind\":\"Cluster\",\"metadata\":{\"name\":\"a\"},"
                        + "\"spec\":{\"region\":\"r\"},\"status\":{}}",
                Cluster.class);

        assertThat(cluster.getSpec().taints()).isEmpty();
        assertThat(cluster.getStatus().conditions()).isEmpty();
        assertThatThrownBy(() -> cluster.getSpec().taints().add(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownFieldsAreIgnoredSoNewerServersDoNotBreakOlderClients() {
        PropagationPolicy policy = SERIALIZATION.unmarshal(
                "{\"apiVersion\":\"meridian.io/v1alpha1\",\"kind\":\"PropagationPolicy\","
                        + "\"metadata\":{\"name\":\"p\",\"namespace\":\"shop\"},"
                        + "\"spec\":{\"resourceSelectors\":[{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"future\":1}],"
                        + "\"placement\":{\"clusterAffinity\":{\"regions\":[\"eu\"]},\"futureField\":{}}}}",
                PropagationPolicy.class);

        assertThat(policy.getSpec().resourceSelectors()).containsExactly(ResourceSelector.of("v1", "Secret"));
        assertThat(policy.getSpec().placement().clusterAffinity().regions()).containsExactly("eu");
    }

    @Test
    void emptyStringsEqualAbsentOnesAsTheyDoOnTheWire() {
        ResourceIdentifier core = new ResourceIdentifier(0, "", "v1", "Service", "", "", "web");
        Condition blank = Condition.of("Ready", ConditionStatus.TRUE, "Ok", "", NOW);

        assertThat(core).isEqualTo(new ResourceIdentifier(0, null, "v1", "Service", null, null, "web"));
        assertThat(SERIALIZATION.unmarshal(SERIALIZATION.asJson(blank), Condition.class))
                .isEqualTo(blank);
        assertThat(SERIALIZATION.asJson(core))
                .isEqualTo("{\"ordinal\":0,\"version\":\"v1\",\"kind\":\"Service\",\"name\":\"web\"}");
    }

    @Test
    void copiesDoNotShareTheCallersLists() {
        List<TargetCluster> clusters = new ArrayList<>(List.of(TargetCluster.of("a", 1)));
        ResourceBindingSpec spec = ResourceBindingSpec.builder()
                .resource(new ResourceReference("apps/v1", "Deployment", "shop", "web", null, null))
                .clusters(clusters)
                .build();

        clusters.add(TargetCluster.of("b", 2));

        assertThat(spec.clusters()).containsExactly(TargetCluster.of("a", 1));
    }

    @Test
    void bindingAsTheSchedulerWritesIt() {
        ResourceBinding binding = new ResourceBinding(
                "shop",
                ResourceNames.bindingName("Deployment", "web"),
                ResourceBindingSpec.builder()
                        .resource(new ResourceReference("apps/v1", "Deployment", "shop", "web", "uid-1", "7"))
                        .replicas(9)
                        .placement(Placement.of(ClusterAffinity.regions("us-east", "eu-west"))
                                .withReplicaScheduling(ReplicaScheduling.weighted(List.of(
                                        new StaticClusterWeight(ClusterAffinity.regions("us-east"), 2),
                                        new StaticClusterWeight(ClusterAffinity.regions("eu-west"), 1)))))
                        .build());

        binding.setSpec(binding.getSpec()
                .withClusters(List.of(TargetCluster.of("us-east-1", 6), TargetCluster.of("eu-west-1", 3))));
        JsonNode json = tree(binding);

        assertThat(json.path("metadata").path("name").asText()).isEqualTo("web-deployment");
        assertThat(json.path("spec").path("clusters").toString())
                .isEqualTo("[{\"name\":\"us-east-1\",\"replicas\":6},{\"name\":\"eu-west-1\",\"replicas\":3}]");
        JsonNode scheduling = json.path("spec").path("placement").path("replicaScheduling");
        assertThat(scheduling.path("replicaSchedulingType").asText()).isEqualTo("Divided");
        assertThat(scheduling.path("replicaDivisionPreference").asText()).isEqualTo("Weighted");
        assertThat(scheduling
                        .path("weightPreference")
                        .path("staticWeightList")
                        .get(0)
                        .path("weight")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void workCarriesWholeManifestsAndStatusSnapshots() {
        GenericKubernetesResource configMap = new GenericKubernetesResourceBuilder()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withNewMetadata()
                .withName("web-config")
                .withNamespace("shop")
                .endMetadata()
                .withAdditionalProperties(Map.of("data", Map.of("mode", "production")))
                .build();
        Work work = new Work(
                Namespaces.executionNamespace("us-east-1"),
                ResourceNames.workName("ConfigMap", "shop", "web-config"),
                WorkSpec.of(WorkloadTemplate.of(configMap)));
        ObjectNode snapshot = JsonNodeFactory.instance.objectNode().put("readyReplicas", 3);
        ResourceIdentifier id = new ResourceIdentifier(0, null, "v1", "ConfigMap", "configmaps", "shop", "web-config");
        work.setStatus(new WorkStatus(
                List.of(Condition.of(ConditionTypes.APPLIED, ConditionStatus.TRUE, "Applied", "", NOW)),
                List.of(ManifestStatus.applied(id, ResourceHealth.HEALTHY, snapshot, 1L))));

        JsonNode json = tree(work);
        Work back = SERIALIZATION.unmarshal(SERIALIZATION.asJson(work), Work.class);

        assertThat(json.path("metadata").path("namespace").asText()).isEqualTo("meridian-cluster-us-east-1");
        assertThat(json.path("metadata").path("name").asText()).isEqualTo("shop.web-config-configmap");
        JsonNode manifest = json.path("spec").path("workload").path("manifests").get(0);
        assertThat(manifest.path("data").path("mode").asText()).isEqualTo("production");
        assertThat(manifest.path("metadata").path("name").asText()).isEqualTo("web-config");
        JsonNode entry = json.path("status").path("manifestStatuses").get(0);
        assertThat(entry.path("identifier").has("group"))
                .as("core group left out")
                .isFalse();
        assertThat(entry.path("status").path("readyReplicas").asInt()).isEqualTo(3);
        assertThat(entry.path("health").asText()).isEqualTo("Healthy");
        assertThat(back.getSpec().workload().manifests().get(0).getAdditionalProperties())
                .containsEntry("data", Map.of("mode", "production"));
        assertThat(back.getStatus()).isEqualTo(work.getStatus());
        assertThat(Conditions.isTrue(back.getStatus().conditions(), ConditionTypes.APPLIED))
                .isTrue();
        assertThat(back.getSpec().effectiveApplyStrategy())
                .isEqualTo(work.getSpec().effectiveApplyStrategy());
    }

    @Test
    void drillStatusGrowsItsTimeline() {
        FailoverDrill drill = new FailoverDrill(
                "lose-east",
                new FailoverDrillSpec(DrillTarget.region("us-east"), DrillAction.TAINT_NO_EXECUTE, "90s", null, null));
        drill.setStatus(
                FailoverDrillStatus.pending()
                        .withEvent(TimelineEvent.of(NOW, "FaultInjected", "tainted 2 clusters"))
                        .toBuilder()
                        .phase(DrillPhase.RUNNING)
                        .startedAt(NOW)
                        .build());

        JsonNode json = tree(drill);

        assertThat(drill.getSpec().durationValue()).isEqualTo(Duration.ofSeconds(90));
        assertThat(new FailoverDrillSpec(DrillTarget.cluster("a"), DrillAction.CORDON, null, null, null)
                        .durationValue())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(json.path("spec").path("target").toString()).isEqualTo("{\"region\":\"us-east\"}");
        assertThat(json.path("spec").path("action").asText()).isEqualTo("TaintNoExecute");
        assertThat(json.path("status").path("phase").asText()).isEqualTo("Running");
        assertThat(json.path("status").path("timeline").get(0).path("event").asText())
                .isEqualTo("FaultInjected");
        assertThat(json.has("metadata") && !json.path("metadata").has("namespace"))
                .isTrue();
    }

    @Test
    void policyWithDefaultsLeavesThemForTheServer() {
        PropagationPolicy policy = new PropagationPolicy(
                "shop",
                "web",
                PropagationSpec.builder()
                        .resourceSelectors(ResourceSelector.named("apps/v1", "Deployment", "shop", "web"))
                        .placement(Placement.of(ClusterAffinity.names("a", "b")))
                        .build());

        JsonNode spec = tree(policy).path("spec");

        assertThat(spec.has("conflictResolution")).isFalse();
        assertThat(spec.has("propagateDeps")).isFalse();
        assertThat(spec.path("placement").toString())
                .isEqualTo("{\"clusterAffinity\":{\"clusterNames\":[\"a\",\"b\"]}}");
    }

    private static JsonNode tree(Object object) {
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(object), JsonNode.class);
    }
}
