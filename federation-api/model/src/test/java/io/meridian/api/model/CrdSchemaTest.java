package io.meridian.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CRDs generated at build time: present, named as the kinds say, and validating what they must. */
class CrdSchemaTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Iterable<MeridianKind> kinds() {
        return MeridianKinds.all();
    }

    @Test
    void listsTenKindsWithDistinctNames() {
        assertThat(MeridianKinds.all())
                .extracting(MeridianKind::kind)
                .containsExactly(
                        "Cluster",
                        "PropagationPolicy",
                        "ClusterPropagationPolicy",
                        "OverridePolicy",
                        "ClusterOverridePolicy",
                        "ResourceBinding",
                        "ClusterResourceBinding",
                        "Work",
                        "GlobalDNSRecord",
                        "FailoverDrill");
        assertThat(MeridianKinds.all()).extracting(MeridianKind::plural).doesNotHaveDuplicates();
        assertThat(MeridianKinds.all())
                .flatExtracting(MeridianKind::shortNames)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("mcl", "pp", "cpp", "op", "cop", "rb", "crb", "gdns", "drill");
        assertThat(MeridianKinds.byPlural("works")).map(MeridianKind::kind).contains("Work");
        assertThat(MeridianKinds.byKind("FailoverDrill"))
                .map(MeridianKind::namespaced)
                .contains(false);
        assertThat(MeridianKinds.byType(io.meridian.api.model.work.Work.class))
                .map(MeridianKind::namespaced)
                .contains(true);
        assertThat(MeridianKinds.byKind("Deployment")).isEmpty();
    }

    @Test
    void everyKindIsRegisteredWithFabric8() throws IOException {
        String services;
        try (InputStream in = getClass()
                .getClassLoader()
                .getResourceAsStream("META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource")) {
            assertThat(in).isNotNull();
            services = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(services.lines().map(String::strip).filter(l -> !l.isEmpty()))
                .containsExactlyInAnyOrderElementsOf(MeridianKinds.all().stream()
                        .map(k -> k.type().getName())
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void crdOnTheClasspathMatchesTheKind(MeridianKind kind) throws IOException {
        JsonNode crd = crd(kind);

        assertThat(crd.path("apiVersion").asText()).isEqualTo("apiextensions.k8s.io/v1");
        assertThat(crd.path("kind").asText()).isEqualTo("CustomResourceDefinition");
        assertThat(crd.path("metadata").path("name").asText()).isEqualTo(kind.crdName());
        JsonNode spec = crd.path("spec");
        assertThat(spec.path("group").asText()).isEqualTo("meridian.io");
        assertThat(spec.path("scope").asText()).isEqualTo(kind.namespaced() ? "Namespaced" : "Cluster");
        JsonNode names = spec.path("names");
        assertThat(names.path("kind").asText()).isEqualTo(kind.kind());
        assertThat(names.path("plural").asText()).isEqualTo(kind.plural());
        assertThat(names.path("singular").asText()).isEqualTo(kind.singular());
        assertThat(texts(names.path("shortNames"))).isEqualTo(kind.shortNames());
        assertThat(texts(names.path("categories"))).containsExactly("meridian");

        assertThat(spec.path("versions")).hasSize(1);
        JsonNode version = spec.path("versions").get(0);
        assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
        assertThat(version.path("served").asBoolean()).isTrue();
        assertThat(version.path("storage").asBoolean()).isTrue();
        boolean policy = kind.kind().endsWith("Policy");
        assertThat(version.path("subresources").has("status")).isEqualTo(!policy);
        // Policies have no status: the generator still declares an empty object, which prunes anything.
        assertThat(schema(kind).path("properties").path("status").has("properties"))
                .isEqualTo(!policy);
        assertThat(version.path("additionalPrinterColumns").findValuesAsText("name"))
                .contains("Age");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void schemaIsStructuralAndDocumented(MeridianKind kind) throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode root = schema(kind);
        for (String part : List.of("spec", "status")) {
            if (root.path("properties").has(part)) {
                check(root.path("properties").path(part), part, problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * The rules a kube-apiserver applies to CRD schemas, in the parts our types can break, and a
     * description on every field, since kubectl explain shows it.
     */
    private static void check(JsonNode node, String path, List<String> problems) {
        boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        boolean intOrString = node.path("x-kubernetes-int-or-string").asBoolean();
        if (!node.has("type") && !preserve && !intOrString) {
            problems.add(path + ": no type");
        }
        if (node.path("x-kubernetes-embedded-resource").asBoolean() && !preserve && !node.has("properties")) {
            problems.add(path + ": an embedded resource without properties must preserve unknown fields");
        }
        if (node.has("properties") && node.has("additionalProperties")) {
            problems.add(path + ": properties and additionalProperties together");
        }
        if (node.has("additionalProperties")
                && node.path("additionalProperties").path("type").asText().equals("object")
                && !node.path("additionalProperties").has("properties")) {
            problems.add(path + ": map values typed object without properties drop every field");
        }
        for (JsonNode required : node.path("required")) {
            if (!node.path("properties").has(required.asText())) {
                problems.add(path + ": required " + required.asText() + " is not a property");
            }
        }
        for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
            if (p.getValue().path("description").asText().isBlank()) {
                problems.add(path + "." + p.getKey() + ": no description");
            }
            check(p.getValue(), path + "." + p.getKey(), problems);
        }
        if (node.has("items")) {
            check(node.path("items"), path + "[]", problems);
        }
        if (node.path("additionalProperties").isObject()) {
            check(node.path("additionalProperties"), path + "{}", problems);
        }
    }

    @Test
    void clusterSchema() throws IOException {
        JsonNode schema = schema("Cluster");
        JsonNode spec = at(schema, "spec");
        assertThat(texts(spec.path("required"))).containsExactly("region");
        assertThat(texts(at(schema, "spec.syncMode").path("enum"))).containsExactly("Pull", "Push");
        assertThat(at(schema, "spec.syncMode").path("default").asText()).isEqualTo("Push");
        assertThat(at(schema, "spec.region").path("pattern").asText()).isEqualTo("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        assertThat(texts(at(schema, "spec.taints[]").path("required"))).containsExactly("effect", "key");
        assertThat(texts(at(schema, "spec.taints[].effect").path("enum")))
                .containsExactly("NoExecute", "NoSchedule", "PreferNoSchedule");
        assertThat(at(schema, "spec.taints[].timeAdded").path("format").asText())
                .isEqualTo("date-time");
        assertThat(texts(at(schema, "spec.secretRef").path("required"))).containsExactly("name", "namespace");
        assertThat(rules(spec)).anyMatch(r -> r.contains("self.syncMode == 'Pull'"));
        assertThat(rules(schema)).anyMatch(r -> r.contains("self.metadata.name.size() <= 46"));

        assertListMap(at(schema, "status.conditions"), "type");
        assertThat(texts(at(schema, "status.conditions[]").path("required")))
                .containsExactly("lastTransitionTime", "reason", "status", "type");
        assertThat(texts(at(schema, "status.conditions[].status").path("enum")))
                .containsExactly("False", "True", "Unknown");
        assertThat(at(schema, "status.resourceSummary.allocatable")
                        .path("additionalProperties")
                        .path("x-kubernetes-int-or-string")
                        .asBoolean())
                .isTrue();
        assertThat(at(schema, "status.nodeSummary.ready").path("minimum").asInt())
                .isZero();
    }

    @Test
    void propagationPolicySchema() throws IOException {
        for (String kind : List.of("PropagationPolicy", "ClusterPropagationPolicy")) {
            JsonNode schema = schema(kind);
            assertThat(texts(at(schema, "spec").path("required"))).containsExactly("resourceSelectors");
            assertThat(at(schema, "spec.resourceSelectors").path("minItems").asInt())
                    .isEqualTo(1);
            assertThat(texts(at(schema, "spec.resourceSelectors[]").path("required")))
                    .containsExactly("apiVersion", "kind");
            assertThat(texts(at(schema, "spec.resourceSelectors[].labelSelector.matchExpressions[].operator")
                            .path("enum")))
                    .containsExactly("DoesNotExist", "Exists", "In", "NotIn");
            assertThat(at(schema, "spec.conflictResolution").path("default").asText())
                    .isEqualTo("Abort");
            assertThat(texts(at(schema, "spec.conflictResolution").path("enum")))
                    .containsExactly("Abort", "Overwrite");
            assertThat(texts(at(schema, "spec.applyStrategy").path("enum")))
                    .containsExactly("ServerSideApply", "Update");
            assertThat(at(schema, "spec.applyStrategy").path("default").asText())
                    .isEqualTo("ServerSideApply");
            assertThat(at(schema, "spec.propagateDeps").path("default").asBoolean())
                    .isTrue();
            assertThat(at(schema, "spec.priority").path("default").asInt()).isZero();

            String placement = "spec.placement.";
            assertThat(texts(at(schema, placement + "spreadConstraints[].spreadByField")
                            .path("enum")))
                    .containsExactly("cluster", "region", "zone");
            assertThat(at(schema, placement + "spreadConstraints[].minGroups")
                            .path("minimum")
                            .asInt())
                    .isEqualTo(1);
            assertThat(rules(at(schema, placement + "spreadConstraints[]"))).isNotEmpty();
            assertThat(texts(at(schema, placement + "replicaScheduling.replicaSchedulingType")
                            .path("enum")))
                    .containsExactly("Divided", "Duplicated");
            assertThat(texts(at(schema, placement + "replicaScheduling.replicaDivisionPreference")
                            .path("enum")))
                    .containsExactly("Aggregated", "Weighted");
            String weights = placement + "replicaScheduling.weightPreference.staticWeightList[]";
            assertThat(texts(at(schema, weights).path("required"))).containsExactly("targetCluster", "weight");
            assertThat(at(schema, weights + ".weight").path("minimum").asInt()).isEqualTo(1);
            assertThat(at(schema, weights + ".targetCluster.regions")
                            .path("type")
                            .asText())
                    .isEqualTo("array");
            assertThat(texts(at(schema, placement + "replicaScheduling.weightPreference.dynamicWeight")
                            .path("enum")))
                    .containsExactly("AvailableReplicas");
            assertThat(texts(at(schema, placement + "clusterTolerations[].operator")
                            .path("enum")))
                    .containsExactly("Equal", "Exists");

            assertThat(texts(at(schema, "spec.failover.purgeMode").path("enum")))
                    .containsExactly("Graceful", "Immediate");
            assertThat(at(schema, "spec.failover.clusterNotReadyTolerationSeconds")
                            .path("default")
                            .asInt())
                    .isEqualTo(300);
            assertThat(at(schema, "spec.failover.gracePeriodSeconds")
                            .path("minimum")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void overridePolicySchema() throws IOException {
        for (String kind : List.of("OverridePolicy", "ClusterOverridePolicy")) {
            JsonNode schema = schema(kind);
            assertThat(texts(at(schema, "spec").path("required"))).containsExactly("overrideRules");
            String overriders = "spec.overrideRules[].overriders.";
            JsonNode patch = at(schema, overriders + "plaintext[]");
            assertThat(texts(patch.path("required"))).containsExactly("op", "path");
            assertThat(texts(at(schema, overriders + "plaintext[].op").path("enum")))
                    .containsExactly("add", "remove", "replace");
            JsonNode value = at(schema, overriders + "plaintext[].value");
            assertThat(value.path("x-kubernetes-preserve-unknown-fields").asBoolean())
                    .isTrue();
            assertThat(value.has("type"))
                    .as("a patch value may be any JSON value")
                    .isFalse();
            assertThat(texts(at(schema, overriders + "imageOverrider[].component")
                            .path("enum")))
                    .containsExactly("Registry", "Repository", "Tag");
            assertThat(texts(at(schema, overriders + "imageOverrider[]").path("required")))
                    .containsExactly("component", "operator");
            assertThat(at(schema, overriders + "replicasOverrider.replicas")
                            .path("minimum")
                            .asInt())
                    .isZero();
            assertThat(at(schema, overriders + "labelsOverrider[].value")
                            .path("additionalProperties")
                            .path("type")
                            .asText())
                    .isEqualTo("string");
            assertThat(texts(at(schema, overriders + "argsOverrider[]").path("required")))
                    .containsExactly("containerName", "operator");
            assertThat(rules(at(schema, overriders + "commandOverrider[]"))).anyMatch(r -> r.contains("replace"));
            assertThat(texts(at(schema, overriders + "envOverrider[].value[]").path("required")))
                    .containsExactly("name");
        }
    }

    @Test
    void bindingSchema() throws IOException {
        for (String kind : List.of("ResourceBinding", "ClusterResourceBinding")) {
            JsonNode schema = schema(kind);
            assertThat(texts(at(schema, "spec").path("required"))).containsExactly("resource");
            assertThat(texts(at(schema, "spec.resource").path("required")))
                    .containsExactly("apiVersion", "kind", "name");
            assertListMap(at(schema, "spec.clusters"), "name");
            assertThat(at(schema, "spec.clusters[].replicas").path("minimum").asInt())
                    .isZero();
            assertThat(texts(at(schema, "spec.policy.kind").path("enum")))
                    .containsExactly("ClusterPropagationPolicy", "PropagationPolicy");
            assertThat(texts(at(schema, "spec.gracefulEvictionTasks[]").path("required")))
                    .containsExactly("fromCluster", "producer", "reason");
            assertThat(at(schema, "spec.placement.replicaScheduling")
                            .path("type")
                            .asText())
                    .isEqualTo("object");

            assertListMap(at(schema, "status.conditions"), "type");
            assertListMap(at(schema, "status.aggregatedStatus"), "clusterName");
            assertThat(texts(at(schema, "status.aggregatedStatus[].health").path("enum")))
                    .containsExactly("Healthy", "Unhealthy", "Unknown");
            assertFreeFormObject(at(schema, "status.aggregatedStatus[].status"));
        }
    }

    @Test
    void workSchema() throws IOException {
        JsonNode schema = schema("Work");
        assertThat(texts(at(schema, "spec").path("required"))).containsExactly("workload");
        JsonNode manifest = at(schema, "spec.workload.manifests[]");
        assertThat(manifest.path("type").asText()).isEqualTo("object");
        assertThat(manifest.path("x-kubernetes-embedded-resource").asBoolean()).isTrue();
        assertThat(manifest.path("x-kubernetes-preserve-unknown-fields").asBoolean())
                .isTrue();
        assertThat(manifest.has("properties")).isFalse();

        assertListMap(at(schema, "status.conditions"), "type");
        assertThat(at(schema, "status.manifestStatuses").has("x-kubernetes-list-type"))
                .isFalse();
        assertThat(texts(at(schema, "status.manifestStatuses[]").path("required")))
                .containsExactly("identifier");
        assertThat(texts(at(schema, "status.manifestStatuses[].identifier").path("required")))
                .containsExactly("kind", "name", "ordinal", "version");
        assertThat(at(schema, "status.manifestStatuses[].identifier.ordinal")
                        .path("minimum")
                        .asInt())
                .isZero();
        assertFreeFormObject(at(schema, "status.manifestStatuses[].status"));
        assertThat(at(schema, "status.manifestStatuses[].reason")
                        .path("pattern")
                        .asText())
                .isNotEmpty();
    }

    @Test
    void globalDnsRecordSchema() throws IOException {
        JsonNode schema = schema("GlobalDNSRecord");
        assertThat(texts(at(schema, "spec").path("required"))).containsExactly("hostname", "targets");
        assertThat(at(schema, "spec.ttl").path("minimum").asInt()).isEqualTo(1);
        assertThat(at(schema, "spec.ttl").path("maximum").asInt()).isEqualTo(86400);
        assertThat(at(schema, "spec.ttl").path("default").asInt()).isEqualTo(30);
        assertThat(texts(at(schema, "spec.strategy").path("enum")))
                .containsExactly("Failover", "RoundRobin", "Weighted");
        assertThat(at(schema, "spec.targets").path("minItems").asInt()).isEqualTo(1);
        assertThat(texts(at(schema, "spec.targets[].kind").path("enum"))).containsExactly("Ingress", "Service");
        assertThat(at(schema, "spec.weights[].weight").path("maximum").asInt()).isEqualTo(1000);
        assertThat(rules(at(schema, "spec"))).hasSize(2);
        assertThat(texts(at(schema, "status.providers[].endpoints[].recordType").path("enum")))
                .containsExactly("A", "AAAA", "CNAME");
        assertListMap(at(schema, "status.conditions"), "type");
    }

    @Test
    void failoverDrillSchema() throws IOException {
        JsonNode schema = schema("FailoverDrill");
        assertThat(texts(at(schema, "spec").path("required"))).containsExactly("action", "target");
        assertThat(texts(at(schema, "spec.action").path("enum")))
                .containsExactly("Cordon", "SimulateOutage", "TaintNoExecute");
        assertThat(rules(at(schema, "spec.target"))).containsExactly("has(self.cluster) != has(self.region)");
        assertThat(at(schema, "spec.duration").path("default").asText()).isEqualTo("5m");
        assertThat("10m").matches(at(schema, "spec.duration").path("pattern").asText());
        assertThat("ten minutes")
                .doesNotMatch(at(schema, "spec.duration").path("pattern").asText());
        assertThat(at(schema, "spec.successCriteria.workloadsReadyWithinSeconds")
                        .path("minimum")
                        .asInt())
                .isEqualTo(1);
        assertThat(texts(at(schema, "status.phase").path("enum")))
                .containsExactly("Completed", "Failed", "Pending", "Restoring", "Running");
        assertThat(texts(at(schema, "status.verdict").path("enum"))).containsExactly("Failed", "Passed");
        assertThat(texts(at(schema, "status.timeline[]").path("required"))).containsExactly("event", "time");
        assertThat(at(schema, "status.rtoSeconds").path("type").asText()).isEqualTo("number");
    }

    private static void assertListMap(JsonNode list, String key) {
        assertThat(list.path("type").asText()).isEqualTo("array");
        assertThat(list.path("x-kubernetes-list-type").asText()).isEqualTo("map");
        assertThat(texts(list.path("x-kubernetes-list-map-keys"))).containsExactly(key);
        assertThat(texts(list.path("items").path("required"))).contains(key);
    }

    private static void assertFreeFormObject(JsonNode node) {
        assertThat(node.path("type").asText()).isEqualTo("object");
        assertThat(node.path("x-kubernetes-preserve-unknown-fields").asBoolean())
                .isTrue();
        assertThat(node.has("properties")).isFalse();
        assertThat(node.has("additionalProperties")).isFalse();
    }

    /** The schema node at a dotted path of property names; {@code []} steps into array items. */
    private static JsonNode at(JsonNode schema, String path) {
        JsonNode node = schema;
        for (String step : path.split("\\.")) {
            boolean items = step.endsWith("[]");
            String name = items ? step.substring(0, step.length() - 2) : step;
            node = node.path("properties").path(name);
            if (items) {
                node = node.path("items");
            }
            assertThat(node.isMissingNode())
                    .as("schema has %s (at %s)", path, step)
                    .isFalse();
        }
        return node;
    }

    private static List<String> rules(JsonNode node) {
        return node.path("x-kubernetes-validations").findValuesAsText("rule");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode schema(String kind) throws IOException {
        return schema(MeridianKinds.byKind(kind).orElseThrow());
    }

    private static JsonNode schema(MeridianKind kind) throws IOException {
        return crd(kind).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }

    private static JsonNode crd(MeridianKind kind) throws IOException {
        assertThat(kind.crdUrl()).isNotNull();
        try (InputStream in = kind.openCrd()) {
            return SERIALIZATION.unmarshal(in, JsonNode.class);
        }
    }
}
