package io.meridian.membersync.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.meridian.api.model.work.AggregatedStatusItem;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.TargetCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of the tables under {@code src/test/resources/interpreter/<kind>/} through the
 * built-in registry, as the controllers call it, and checks that no operation changed its inputs.
 */
class InterpreterCasesTest {

    private static final InterpreterRegistry REGISTRY = InterpreterRegistry.withBuiltIns();
    private static final ObjectMapper JSON = new ObjectMapper();

    static final Set<String> OPERATIONS = Set.of(
            "replicas",
            "reviseReplicas",
            "divideReplicas",
            "retain",
            "health",
            "reflectStatus",
            "aggregateStatus",
            "dependencies");

    /** Numbers compare by value: an int from YAML equals a long from the interpreter. */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    static Stream<InterpreterCase> cases() {
        return InterpreterCase.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void interprets(InterpreterCase c) {
        assertThat(OPERATIONS).as("%s: operation", c).contains(c.operation());
        List<GenericKubernetesResource> inputs = new ArrayList<>();
        for (String field : List.of("object", "template", "desired", "observed")) {
            if (c.document().has(field)) {
                inputs.add(c.resource(field));
            }
        }
        assertThat(inputs).as("%s: inputs", c).isNotEmpty();
        GenericKubernetesResource subject = inputs.get(0);
        assertThat(REGISTRY.isRegistered(GroupKind.of(subject)))
                .as("%s: %s has an interpreter of its own", c, GroupKind.of(subject))
                .isEqualTo(!c.kindDirectory().equals("generic"));
        if (!c.kindDirectory().equals("generic")) {
            assertThat(GroupKind.of(subject).kind().toLowerCase())
                    .as("%s: the kind the directory is named after", c)
                    .isEqualTo(c.kindDirectory().replace("-", ""));
        }
        List<JsonNode> before =
                inputs.stream().<JsonNode>map(InterpreterCasesTest::tree).toList();

        switch (c.operation()) {
            case "replicas" -> checkReplicas(c, REGISTRY.replicas(subject));
            case "reviseReplicas" ->
                assertSameTree(
                        c, REGISTRY.reviseReplicas(subject, c.input("replicas").asInt()), c.expect());
            case "divideReplicas" -> checkDivided(c, REGISTRY.divideReplicas(subject, targets(c)));
            case "retain" ->
                assertSameTree(c, REGISTRY.retain(c.resource("desired"), c.resource("observed")), c.expect());
            case "health" ->
                assertThat(REGISTRY.health(subject)).as(c.toString()).isEqualTo(health(c.expect()));
            case "reflectStatus" -> checkOptionalTree(c, REGISTRY.reflectStatus(subject));
            case "aggregateStatus" -> checkAggregated(c, REGISTRY.aggregateStatus(subject, items(c)));
            case "dependencies" -> checkDependencies(c, subject, REGISTRY.dependencies(subject));
            default -> fail("unknown operation " + c.operation());
        }

        // The case's own objects must come out as they went in: informer caches are shared.
        assertThat(inputs.stream().<JsonNode>map(InterpreterCasesTest::tree).toList())
                .as("%s: inputs left untouched", c)
                .isEqualTo(before);
    }

    /**
     * Every kind's table covers every operation, so that a kind cannot quietly fall back to the
     * generic behaviour for one of them without a case saying that is intended.
     */
    @Test
    void everyKindCoversEveryOperation() {
        Map<String, Set<String>> covered = new TreeMap<>();
        for (InterpreterCase c : InterpreterCase.all()) {
            covered.computeIfAbsent(c.kindDirectory(), k -> new TreeSet<>()).add(c.operation());
        }
        assertThat(covered.keySet())
                .containsExactlyInAnyOrder(
                        "cronjob",
                        "daemonset",
                        "deployment",
                        "generic",
                        "ingress",
                        "job",
                        "persistentvolumeclaim",
                        "pod",
                        "replicaset",
                        "service",
                        "serviceaccount",
                        "statefulset");
        Map<String, Set<String>> missing = covered.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> OPERATIONS.stream()
                                .filter(op -> !e.getValue().contains(op))
                                .collect(Collectors.toCollection(TreeSet::new)),
                        (a, b) -> a,
                        TreeMap::new));
        missing.values().removeIf(Set::isEmpty);
        assertThat(missing).as("operations without a case, by kind").isEmpty();
    }

    @Test
    void casesHaveUniqueNames() {
        Map<String, Long> counts = InterpreterCase.all().stream()
                .collect(Collectors.groupingBy(InterpreterCase::toString, Collectors.counting()));
        counts.values().removeIf(n -> n == 1);
        assertThat(counts).as("duplicate case names").isEmpty();
    }

    // --- checks per operation ----------------------------------------------------------------

    private static void checkReplicas(InterpreterCase c, Optional<WorkloadReplicas> actual) {
        JsonNode expect = c.expect();
        if (expect.isNull()) {
            assertThat(actual).as(c.toString()).isEmpty();
            return;
        }
        assertThat(actual).as(c.toString()).isPresent();
        assertThat(actual.get().replicas())
                .as("%s: replicas", c)
                .isEqualTo(expect.path("replicas").asInt());
        Map<String, Quantity> expected = new LinkedHashMap<>();
        expect.path("requests")
                .properties()
                .forEach(e -> expected.put(e.getKey(), new Quantity(e.getValue().asText())));
        assertThat(actual.get().requestsPerReplica().keySet())
                .as("%s: requested resources", c)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, quantity) -> assertThat(
                        actual.get().requestsPerReplica().get(name).getNumericalAmount())
                .as("%s: request of %s", c, name)
                .isEqualByComparingTo(quantity.getNumericalAmount()));
    }

    private static void checkDivided(InterpreterCase c, Map<String, GenericKubernetesResource> actual) {
        JsonNode expect = c.expect();
        List<String> expectedClusters = new ArrayList<>();
        expect.fieldNames().forEachRemaining(expectedClusters::add);
        assertThat(actual.keySet()).as("%s: clusters in order", c).containsExactlyElementsOf(expectedClusters);
        for (String cluster : expectedClusters) {
            assertSameTree(c, actual.get(cluster), expect.get(cluster));
        }
    }

    private static void checkOptionalTree(InterpreterCase c, Optional<ObjectNode> actual) {
        if (c.expect().isNull()) {
            assertThat(actual).as(c.toString()).isEmpty();
        } else {
            assertThat(actual).as(c.toString()).isPresent();
            assertSameNode(c, actual.get(), c.expect());
        }
    }

    /** {@code expect} is the status the result must have (null: none); the rest must be the template's. */
    private static void checkAggregated(InterpreterCase c, GenericKubernetesResource result) {
        ObjectNode actual = tree(result);
        ObjectNode template = tree(c.resource("template"));
        JsonNode status = actual.remove("status");
        template.remove("status");
        assertSameNode(c, actual, template);
        if (c.expect().isNull()) {
            assertThat(status).as("%s: status", c).isNull();
        } else {
            assertThat(status).as("%s: status", c).isNotNull();
            assertSameNode(c, status, c.expect());
        }
    }

    private static void checkDependencies(
            InterpreterCase c, GenericKubernetesResource subject, List<DependentObjectReference> actual) {
        List<String> expected = new ArrayList<>();
        c.expect().forEach(e -> expected.add(e.asText()));
        assertThat(actual.stream().map(r -> r.kind() + "/" + r.name()).toList())
                .as(c.toString())
                .containsExactlyElementsOf(expected);
        assertThat(actual).allSatisfy(r -> {
            assertThat(r.apiVersion()).isEqualTo("v1");
            assertThat(r.namespace()).isEqualTo(subject.getMetadata().getNamespace());
        });
    }

    // --- helpers -----------------------------------------------------------------------------

    private static List<TargetCluster> targets(InterpreterCase c) {
        List<TargetCluster> targets = new ArrayList<>();
        for (JsonNode target : c.input("targets")) {
            targets.add(TargetCluster.of(
                    target.path("name").asText(),
                    target.hasNonNull("replicas") ? target.get("replicas").asInt() : null));
        }
        return targets;
    }

    private static List<AggregatedStatusItem> items(InterpreterCase c) {
        List<AggregatedStatusItem> items = new ArrayList<>();
        for (JsonNode item : c.input("items")) {
            items.add(new AggregatedStatusItem(
                    item.path("clusterName").asText(),
                    !item.has("applied") || item.path("applied").asBoolean(),
                    null,
                    item.hasNonNull("health") ? health(item.get("health")) : null,
                    item.get("status") instanceof ObjectNode status ? status : null));
        }
        return items;
    }

    private static ResourceHealth health(JsonNode value) {
        return JSON.convertValue(value, ResourceHealth.class);
    }

    private static ObjectNode tree(GenericKubernetesResource resource) {
        return Trees.tree(resource);
    }

    private static void assertSameTree(InterpreterCase c, GenericKubernetesResource actual, JsonNode expected) {
        assertSameNode(c, tree(actual), expected);
    }

    private static void assertSameNode(InterpreterCase c, JsonNode actual, JsonNode expected) {
        if (!actual.equals(BY_VALUE, expected)) {
            assertThat(actual.toPrettyString()).as(c.toString()).isEqualTo(expected.toPrettyString());
            fail("%s: differs only in number types:%nactual   %s%nexpected %s", c, actual, expected);
        }
    }
}
