package io.meridian.controller.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.names.Finalizers;
import io.meridian.api.model.names.MeridianAnnotations;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.override.ClusterOverridePolicy;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.api.model.policy.ApplyStrategy;
import io.meridian.api.model.policy.ConflictResolution;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceReference;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.api.model.work.Work;
import io.meridian.membersync.interpreter.InterpreterRegistry;
import io.meridian.reconciler.ObjectKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkRendererTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final WorkRenderer RENDERER = new WorkRenderer(InterpreterRegistry.withBuiltIns());
    private static final ObjectKey BINDING = new ObjectKey("shop", "web-deployment");

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              uid: 0d9c6a5e-1111-2222-3333-444455556666
              resourceVersion: "42"
              generation: 3
              creationTimestamp: "2025-01-01T00:00:00Z"
              finalizers: [meridian.io/cleanup]
              labels: {app: web, meridian.io/policy-name: web}
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: "{}"
                team: payments
              managedFields: [{manager: kubectl, operation: Update}]
            spec:
              replicas: 8
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: docker.io/library/nginx:1.25
                    envFrom: [{configMapRef: {name: web-config}}]
                    env:
                    - name: TOKEN
                      valueFrom: {secretKeyRef: {name: web-token, key: token}}
            status:
              replicas: 8
              readyReplicas: 8
            """;

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config, namespace: shop, uid: abc, resourceVersion: "7"}
            data: {greeting: hello}
            """;

    private static final String REGION_IMAGE = """
            apiVersion: meridian.io/v1alpha1
            kind: OverridePolicy
            metadata: {name: eu-registry, namespace: shop}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
              overrideRules:
              - targetCluster: {regions: [eu-west]}
                overriders:
                  imageOverrider: [{component: Registry, operator: replace, value: registry.eu.example.com}]
            """;

    private static final String BROKEN_PATCH = """
            apiVersion: meridian.io/v1alpha1
            kind: ClusterOverridePolicy
            metadata: {name: broken}
            spec:
              overrideRules:
              - targetCluster: {clusterNames: [ap-south]}
                overriders:
                  plaintext: [{op: replace, path: /spec/nothing/here, value: x}]
            """;

    private static GenericKubernetesResource resource(String yaml) {
        return JSON.unmarshal(yaml, GenericKubernetesResource.class);
    }

    private static ResourceBindingSpec spec(List<TargetCluster> clusters, boolean propagateDeps) {
        GenericKubernetesResource template = resource(DEPLOYMENT);
        return ResourceBindingSpec.builder()
                .resource(ResourceReference.to(template))
                .replicas(8)
                .clusters(clusters)
                .propagateDeps(propagateDeps)
                .applyStrategy(ApplyStrategy.SERVER_SIDE_APPLY)
                .conflictResolution(ConflictResolution.ABORT)
                .build();
    }

    private static Map<String, Cluster> clusters() {
        Map<String, Cluster> clusters = new HashMap<>();
        for (String name : List.of("us-east", "eu-west", "ap-south")) {
            clusters.put(
                    name, new Cluster(name, ClusterSpec.builder().region(name).build()));
        }
        return clusters;
    }

    private static WorkRenderer.Rendering render(
            ResourceBindingSpec spec,
            List<OverridePolicy> overrides,
            List<ClusterOverridePolicy> clusterOverrides,
            Map<String, GenericKubernetesResource> objects) {
        return RENDERER.render(new WorkRenderer.Inputs(
                BINDING,
                spec,
                resource(DEPLOYMENT),
                clusters(),
                overrides,
                clusterOverrides,
                ref -> Optional.ofNullable(objects.get(ref.kind() + "/" + ref.name()))));
    }

    private static JsonNode manifest(WorkRenderer.Outcome outcome, int index) {
        Work work = ((WorkRenderer.Rendered) outcome).work();
        return JSON.convertValue(work.getSpec().workload().manifests().get(index), JsonNode.class);
    }

    @Test
    void eachClusterGetsItsShareOfTheReplicasInAWorkInItsExecutionNamespace() {
        WorkRenderer.Rendering rendering = render(
                spec(
                        List.of(
                                TargetCluster.of("ap-south", 2),
                                TargetCluster.of("eu-west", 2),
                                TargetCluster.of("us-east", 4)),
                        false),
                List.of(),
                List.of(),
                Map.of());

        assertThat(rendering.byCluster()).containsOnlyKeys("ap-south", "eu-west", "us-east");
        assertThat(manifest(rendering.byCluster().get("us-east"), 0)
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(4);
        assertThat(manifest(rendering.byCluster().get("eu-west"), 0)
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(2);
        Work work = ((WorkRenderer.Rendered) rendering.byCluster().get("us-east")).work();
        assertThat(work.getMetadata().getNamespace()).isEqualTo("meridian-cluster-us-east");
        assertThat(work.getMetadata().getName()).isEqualTo("shop.web-deployment");
        assertThat(work.getMetadata().getFinalizers()).containsExactly(Finalizers.CLEANUP);
        assertThat(work.getMetadata().getLabels())
                .containsEntry(MeridianLabels.BINDING_NAME, "web-deployment")
                .containsEntry(MeridianLabels.BINDING_NAMESPACE, "shop")
                .containsEntry(MeridianLabels.CLUSTER, "us-east");
        assertThat(work.getSpec().workload().manifests()).hasSize(1);
        assertThat(work.getSpec().applyStrategy()).isEqualTo(ApplyStrategy.SERVER_SIDE_APPLY);
        assertThat(work.getSpec().suspendDispatching()).isNull();
    }

    @Test
    void theTemplateLosesWhatTheFederationApiSetOnIt() {
        JsonNode manifest = manifest(
                render(spec(List.of(TargetCluster.of("us-east", 8)), false), List.of(), List.of(), Map.of())
                        .byCluster()
                        .get("us-east"),
                0);

        assertThat(manifest.has("status")).isFalse();
        JsonNode metadata = manifest.path("metadata");
        assertThat(metadata.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("name", "namespace", "labels", "annotations");
        assertThat(metadata.path("annotations").has("kubectl.kubernetes.io/last-applied-configuration"))
                .isFalse();
        assertThat(metadata.at("/annotations/team").asText()).isEqualTo("payments");
        assertThat(metadata.at("/labels/app").asText()).isEqualTo("web");
    }

    @Test
    void overridesApplyToTheClustersTheyTargetAndAFailingRuleLeavesItsClusterUnrendered() {
        List<TargetCluster> targets = List.of(
                TargetCluster.of("ap-south", 2), TargetCluster.of("eu-west", 2), TargetCluster.of("us-east", 4));
        WorkRenderer.Rendering rendering = render(
                spec(targets, false),
                List.of(JSON.unmarshal(REGION_IMAGE, OverridePolicy.class)),
                List.of(JSON.unmarshal(BROKEN_PATCH, ClusterOverridePolicy.class)),
                Map.of());

        assertThat(manifest(rendering.byCluster().get("eu-west"), 0)
                        .at("/spec/template/spec/containers/0/image")
                        .asText())
                .isEqualTo("registry.eu.example.com/library/nginx:1.25");
        assertThat(((WorkRenderer.Rendered) rendering.byCluster().get("eu-west"))
                        .work()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry(MeridianAnnotations.APPLIED_OVERRIDES, "shop/eu-registry");
        assertThat(manifest(rendering.byCluster().get("us-east"), 0)
                        .at("/spec/template/spec/containers/0/image")
                        .asText())
                .isEqualTo("docker.io/library/nginx:1.25");
        assertThat(rendering.byCluster().get("ap-south")).isInstanceOf(WorkRenderer.Failed.class);
        assertThat(rendering.failures()).singleElement().satisfies(f -> {
            assertThat(f.cluster()).isEqualTo("ap-south");
            assertThat(f.message()).contains("ClusterOverridePolicy broken rule 0, plaintext[0]");
        });
    }

    @Test
    void dependenciesFollowTheWorkloadAndMissingOnesAreReported() {
        WorkRenderer.Rendering rendering = render(
                spec(List.of(TargetCluster.of("us-east", 8)), true),
                List.of(),
                List.of(),
                Map.of("ConfigMap/web-config", resource(CONFIG_MAP)));

        JsonNode configMap = manifest(rendering.byCluster().get("us-east"), 1);
        assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(configMap.at("/data/greeting").asText()).isEqualTo("hello");
        assertThat(configMap.path("metadata").has("uid")).isFalse();
        assertThat(rendering.dependencies())
                .extracting(d -> d.kind() + "/" + d.name())
                .containsExactly("ConfigMap/web-config", "Secret/web-token");
        assertThat(rendering.missing())
                .extracting(d -> d.kind() + "/" + d.name())
                .containsExactly("Secret/web-token");
    }

    @Test
    void aServiceLeavesItsFederationAddressesBehindUnlessHeadless() {
        GenericKubernetesResource service = resource("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  type: LoadBalancer
                  clusterIP: 10.96.0.12
                  clusterIPs: [10.96.0.12]
                  ipFamilies: [IPv4]
                  ipFamilyPolicy: SingleStack
                  ports: [{port: 80, nodePort: 31234}]
                """);
        GenericKubernetesResource headless = resource("""
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: shop}
                spec: {clusterIP: None, ports: [{port: 5432}]}
                """);

        JsonNode pruned = JSON.convertValue(TemplatePruning.prune(service), JsonNode.class);
        assertThat(pruned.path("spec").has("clusterIP")).isFalse();
        assertThat(pruned.path("spec").has("clusterIPs")).isFalse();
        assertThat(pruned.at("/spec/ports/0").has("nodePort")).isFalse();
        assertThat(pruned.at("/spec/ports/0/port").asInt()).isEqualTo(80);
        assertThat(JSON.convertValue(TemplatePruning.prune(headless), JsonNode.class)
                        .at("/spec/clusterIP")
                        .asText())
                .isEqualTo("None");
    }

    @Test
    void workSpecsCompareByContentNotByNumberTypes() {
        WorkRenderer.Rendering once =
                render(spec(List.of(TargetCluster.of("us-east", 8)), false), List.of(), List.of(), Map.of());
        Work rendered = ((WorkRenderer.Rendered) once.byCluster().get("us-east")).work();
        Work readBack = JSON.unmarshal(JSON.asJson(rendered), Work.class);

        assertThat(WorkRenderer.sameSpec(rendered.getSpec(), readBack.getSpec()))
                .isTrue();
        WorkRenderer.Rendering other =
                render(spec(List.of(TargetCluster.of("us-east", 7)), false), List.of(), List.of(), Map.of());
        assertThat(WorkRenderer.sameSpec(
                        rendered.getSpec(),
                        ((WorkRenderer.Rendered) other.byCluster().get("us-east"))
                                .work()
                                .getSpec()))
                .isFalse();
    }
}
