package io.meridian.fedctl.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.policy.ClusterPropagationPolicy;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.fedctl.UserError;
import io.meridian.fedctl.connect.ApiKind;
import io.meridian.fedctl.output.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Planning and the dry run on a federation held in memory: three Ready clusters, one per region,
 * as in the sandbox. The placement comes from the controller's own matcher and scheduler.
 */
class PlannerTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private final Federation federation = new Federation();

    /** The federation's state, as a {@link PlanningSource}. */
    private static final class Federation implements PlanningSource {
        final List<ApiKind> kinds = List.of(
                new ApiKind("", "v1", "Namespace", "namespaces", "namespace", false, List.of("ns")),
                new ApiKind("", "v1", "ConfigMap", "configmaps", "configmap", true, List.of("cm")),
                new ApiKind("", "v1", "Service", "services", "service", true, List.of("svc")),
                new ApiKind("apps", "v1", "Deployment", "deployments", "deployment", true, List.of("deploy")),
                new ApiKind(
                        "meridian.io",
                        "v1alpha1",
                        "PropagationPolicy",
                        "propagationpolicies",
                        "propagationpolicy",
                        true,
                        List.of("pp")),
                new ApiKind(
                        "meridian.io",
                        "v1alpha1",
                        "ClusterPropagationPolicy",
                        "clusterpropagationpolicies",
                        "clusterpropagationpolicy",
                        false,
                        List.of()),
                new ApiKind(
                        "meridian.io",
                        "v1alpha1",
                        "OverridePolicy",
                        "overridepolicies",
                        "overridepolicy",
                        true,
                        List.of("op")));
        final List<Cluster> clusters = new ArrayList<>();
        final List<PropagationPolicy> policies = new ArrayList<>();
        final Map<String, List<TargetCluster>> placements = new HashMap<>();

        @Override
        public Optional<ApiKind> kind(String apiVersion, String kind) {
            return kinds.stream()
                    .filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind))
                    .findFirst();
        }

        @Override
        public String defaultNamespace() {
            return "default";
        }

        @Override
        public String describe() {
            return "the federation API at http://fed.test (context test)";
        }

        @Override
        public List<PropagationPolicy> propagationPolicies(String namespace) {
            return policies.stream()
                    .filter(p -> p.getMetadata().getNamespace().equals(namespace))
                    .toList();
        }

        @Override
        public List<ClusterPropagationPolicy> clusterPropagationPolicies() {
            return List.of();
        }

        @Override
        public List<Cluster> clusters() {
            return clusters;
        }

        @Override
        public List<TargetCluster> currentPlacement(String kind, String namespace, String name) {
            return placements.getOrDefault(kind + "/" + namespace + "/" + name, List.of());
        }
    }

    private static Cluster cluster(String region, String ready) {
        return YAML.unmarshal("""
                apiVersion: meridian.io/v1alpha1
                kind: Cluster
                metadata: {name: %1$s}
                spec: {region: %1$s, zone: %1$s-a, apiEndpoint: "http://127.0.0.1:1"}
                status:
                  conditions: [{type: Ready, status: "%2$s", reason: Test}]
                  resourceSummary:
                    allocatable: {cpu: "24", memory: 96Gi, pods: "330"}
                """.formatted(region, ready), Cluster.class);
    }

    @BeforeEach
    void threeRegions() {
        for (String region : List.of("us-east", "eu-west", "ap-south")) {
            federation.clusters.add(cluster(region, "True"));
        }
    }

    private static List<Manifest> example() {
        return ManifestReader.read(List.of("../examples/multi-region-app"), false, () -> null);
    }

    @CommandLine.Command(name = "apply")
    static final class Options {
        @CommandLine.Mixin
        PolicyShortcuts shortcuts;
    }

    private static PolicyShortcuts shortcuts(String... args) {
        Options options = new Options();
        new CommandLine(options).parseArgs(args);
        return options.shortcuts;
    }

    private Planner.Plan plan(List<Manifest> manifests, PolicyShortcuts shortcuts) {
        Planner planner = new Planner(federation);
        return planner.plan(planner.resolve(manifests, null), shortcuts, true);
    }

    private static Map<String, DryRunView.Placement> byObject(Planner.Plan plan) {
        Map<String, DryRunView.Placement> m = new HashMap<>();
        DryRunView.placements(plan).forEach(p -> m.put(p.object(), p));
        return m;
    }

    @Test
    void theExampleIsSplitTwoToOneToOneAndTheConfigMapFollowsTheDeployment() {
        Planner.Plan plan = plan(example(), shortcuts());
        Map<String, DryRunView.Placement> placed = byObject(plan);

        assertThat(placed.get("deployment/web").policy()).isEqualTo("PropagationPolicy shop/web");
        assertThat(placed.get("deployment/web").placement())
                .containsExactlyInAnyOrderEntriesOf(Map.of("us-east", 4, "eu-west", 2, "ap-south", 2));
        assertThat(placed.get("service/web").placement()).containsOnlyKeys("us-east", "eu-west", "ap-south");
        assertThat(placed.get("configmap/web-config").follows()).isEqualTo("deployment/web");
        assertThat(placed.get("namespace/shop").policy()).isNull();
        assertThat(plan.generated()).isEmpty();
    }

    @Test
    void objectsAreAppliedWhatIsNeededFirstAndPoliciesLast() {
        List<String> order = plan(example(), shortcuts()).toApply().stream()
                .map(r -> r.manifest().kind())
                .toList();
        assertThat(order)
                .containsExactly(
                        "Namespace", "OverridePolicy", "ConfigMap", "Service", "Deployment", "PropagationPolicy");
    }

    @Test
    void theDryRunTableShowsPolicyAndPlacementPerObject() {
        StringWriter out = new StringWriter();
        DryRunView.print(
                plan(example(), shortcuts()), federation.describe(), null, new PrintWriter(out), Terminal.plain());
        assertThat(out.toString().lines())
                .containsExactly(
                        "Dry run against the federation API at http://fed.test (context test): nothing is written.",
                        "OBJECT                 NAMESPACE   POLICY                       PLACEMENT",
                        "configmap/web-config   shop        -                            with deployment/web (a"
                                + " dependency it references)",
                        "deployment/web         shop        PropagationPolicy shop/web   ap-south: 2, eu-west: 2,"
                                + " us-east: 4",
                        "namespace/shop         -           -                            federation only (members"
                                + " create it when its objects arrive)",
                        "service/web            shop        PropagationPolicy shop/web   ap-south, eu-west, us-east");
    }

    @Test
    void theDryRunKeepsTheCurrentPlacementWhereThePolicyAllows() {
        // a 2:1:1 split of 9 is 4.5:2.25:2.25; the stable division keeps what runs where it is
        List<Manifest> nine = example().stream()
                .map(m -> {
                    if (m.kind().equals("Deployment")) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> spec = (Map<String, Object>)
                                m.object().getAdditionalProperties().get("spec");
                        spec.put("replicas", 9);
                    }
                    return m;
                })
                .toList();
        federation.placements.put(
                "Deployment/shop/web",
                List.of(
                        new TargetCluster("us-east", 4),
                        new TargetCluster("eu-west", 2),
                        new TargetCluster("ap-south", 2)));
        assertThat(byObject(plan(nine, shortcuts())).get("deployment/web").placement())
                .containsExactlyInAnyOrderEntriesOf(Map.of("us-east", 5, "eu-west", 2, "ap-south", 2));
    }

    @Test
    void aClusterThatIsNotReadyGetsNothing() {
        federation.clusters.set(1, cluster("eu-west", "False"));
        Planner.Plan plan = plan(example(), shortcuts());
        assertThat(byObject(plan).get("deployment/web").placement()).containsOnlyKeys("us-east", "ap-south");
    }

    @Test
    void regionsAndWeightsGenerateAPolicyPerWorkload() {
        List<Manifest> app =
                example().stream().filter(m -> !m.kind().endsWith("Policy")).toList();
        Planner.Plan plan = plan(app, shortcuts("--regions", "us-east,eu-west", "--weights", "us-east=3,eu-west=1"));

        assertThat(plan.generated())
                .containsExactly("PropagationPolicy shop/web generated from --regions us-east,eu-west --weights"
                        + " us-east=3,eu-west=1");
        Map<String, DryRunView.Placement> placed = byObject(plan);
        assertThat(placed.get("deployment/web").placement())
                .containsExactlyInAnyOrderEntriesOf(Map.of("us-east", 6, "eu-west", 2));
        assertThat(placed.get("service/web").placement()).containsOnlyKeys("us-east", "eu-west");
        assertThat(plan.toApply().getLast().manifest().describe()).isEqualTo("PropagationPolicy shop/web");
        assertThat(plan.toApply().getLast().manifest().object().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "fedctl");
    }

    @Test
    void aShortcutDoesNotSilentlyReplaceAPolicyOfTheFiles() {
        assertThatThrownBy(() -> plan(example(), shortcuts("--regions", "us-east")))
                .isInstanceOf(UserError.class)
                .hasMessage("the files already define PropagationPolicy shop/web, which --regions us-east would"
                        + " generate; drop one of them");
    }

    @Test
    void aShortcutDoesNotOverrideAnExistingPolicyUnlessAsked() {
        federation.policies.add(YAML.unmarshal("""
                apiVersion: meridian.io/v1alpha1
                kind: PropagationPolicy
                metadata: {name: all-deployments, namespace: shop}
                spec:
                  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
                  placement: {clusterAffinity: {clusterNames: [ap-south]}}
                """, PropagationPolicy.class));
        List<Manifest> app =
                example().stream().filter(m -> !m.kind().endsWith("Policy")).toList();
        assertThatThrownBy(() -> plan(app, shortcuts("--regions", "eu-west")))
                .hasMessage("Deployment shop/web is already placed by PropagationPolicy shop/all-deployments; drop"
                        + " --regions eu-west to keep that placement, or add --overwrite-policy to replace it");

        Planner.Plan plan = plan(app, shortcuts("--regions", "eu-west", "--overwrite-policy"));
        assertThat(byObject(plan).get("deployment/web").placement()).containsOnlyKeys("eu-west");
        assertThat(plan.generated().getFirst())
                .endsWith("it takes precedence over PropagationPolicy shop/all-deployments");
    }

    @Test
    void unknownRegionsClustersAndWeightsAreNamed() {
        List<Manifest> app =
                example().stream().filter(m -> !m.kind().endsWith("Policy")).toList();
        assertThatThrownBy(() -> plan(app, shortcuts("--regions", "mars")))
                .hasMessage("--regions: no cluster is in region 'mars' (regions: ap-south, eu-west, us-east)");
        assertThatThrownBy(() -> plan(app, shortcuts("--clusters", "moon")))
                .hasMessage("unknown cluster 'moon'; 'fedctl get clusters' lists the joined clusters");
        assertThatThrownBy(() -> plan(app, shortcuts("--weights", "venus=1")))
                .hasMessageStartingWith("--weights: 'venus' is neither a region nor a cluster of the federation");
    }

    @Test
    void anUnknownKindNamesTheFileAndTheKind() {
        List<Manifest> odd =
                ManifestReader.parse("odd.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
        assertThatThrownBy(() -> new Planner(federation).resolve(odd, null))
                .isInstanceOf(UserError.class)
                .hasMessage(
                        "odd.yaml:1: the federation API at http://fed.test (context test) does not serve kind Widget"
                                + " of example.com/v1; check kind and apiVersion ('kubectl api-resources' lists what it serves)");
    }

    @Test
    void namespacesComeFromTheManifestElseTheOptionElseTheContext() {
        List<Manifest> two = ManifestReader.parse("two.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: n, namespace: ignored}
                """);
        Planner planner = new Planner(federation);
        assertThat(planner.resolve(two, null))
                .extracting(r -> r.manifest().namespace())
                .containsExactly("default", null);
        assertThat(planner.resolve(two, "team"))
                .extracting(r -> r.manifest().namespace())
                .containsExactly("team", null);
        List<Manifest> shop = ManifestReader.parse(
                "s.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n");
        assertThatThrownBy(() -> planner.resolve(shop, "team"))
                .hasMessage("s.yaml:1: ConfigMap shop/a says namespace 'shop' but -n says 'team'; drop -n or change the"
                        + " manifest");
    }
}
