package io.meridian.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSetTest {

    private static final PathElement CONTAINERS = PathElement.field("containers");
    private static final PathElement NGINX = PathElement.decode("k:{\"name\":\"nginx\"}");

    private static FieldPath path(String... names) {
        return FieldPath.of(names);
    }

    @Test
    void decodesMembersChildrenAndSelfMarkers() {
        FieldSet set = FieldSet.fromFieldsV1(
                "{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},\"f:image\":{}}},\"f:replicas\":{}}}");

        FieldPath container = path("spec").child(CONTAINERS).child(NGINX);
        assertThat(set.has(container)).isTrue();
        assertThat(set.has(container.child("image"))).isTrue();
        assertThat(set.has(path("spec", "replicas"))).isTrue();
        assertThat(set.has(path("spec")))
                .as("a parent with only children is not a member")
                .isFalse();
        assertThat(set.has(path("spec").child(CONTAINERS))).isFalse();
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.paths())
                .extracting(FieldPath::toString)
                .containsExactly(
                        ".spec.replicas", ".spec.containers[name=\"nginx\"]", ".spec.containers[name=\"nginx\"].image");
    }

    @Test
    void encodesInKubeOrderWhateverTheInsertionOrder() {
        FieldSet set = FieldSet.of(
                FieldPath.of(PathElement.decode("i:2")),
                FieldPath.of(new PathElement.Value(TextNode.valueOf("b"))),
                FieldPath.of(new PathElement.Value(IntNode.valueOf(10))),
                FieldPath.of(PathElement.decode("k:{\"port\":443}")),
                FieldPath.of(PathElement.decode("k:{\"port\":80}")),
                path("b"),
                path("a", "x"),
                path("a"));

        // Fields, then keys, then values (numbers before strings), then indexes; "." first.
        assertThat(set.toFieldsV1Json())
                .isEqualTo("{\"f:a\":{\".\":{},\"f:x\":{}},\"f:b\":{},\"k:{\\\"port\\\":80}\":{},"
                        + "\"k:{\\\"port\\\":443}\":{},\"v:10\":{},\"v:\\\"b\\\"\":{},\"i:2\":{}}");
        assertThat(FieldSet.fromFieldsV1(set.toFieldsV1Json())).isEqualTo(set);
    }

    @Test
    void keyFieldsAreSortedAndNumbersMatchWhateverTheirNotation() {
        PathElement unsorted = PathElement.decode("k:{\"protocol\":\"TCP\",\"containerPort\":80}");
        assertThat(unsorted.encode()).isEqualTo("k:{\"containerPort\":80,\"protocol\":\"TCP\"}");
        assertThat(unsorted.toString()).isEqualTo("[containerPort=80,protocol=\"TCP\"]");

        PathElement asFloat = PathElement.decode("k:{\"page\":2.0}");
        PathElement asInt = PathElement.decode("k:{\"page\":2}");
        assertThat(asFloat).isEqualTo(asInt).hasSameHashCodeAs(asInt);
        assertThat(asFloat.compareTo(asInt)).isZero();
        assertThat(asFloat.encode()).isEqualTo("k:{\"page\":2}");
    }

    @Test
    void skipsUnknownElementKindsAndRejectsMalformedOnes() {
        FieldSet set = FieldSet.fromFieldsV1("{\"f:a\":{},\"z:future\":{},\"f:b\":{\"x:y\":{}}}");
        // An entry whose only content is unknown is a leaf, as kube reads it.
        assertThat(set).isEqualTo(FieldSet.of(path("a"), path("b")));

        assertThatThrownBy(() -> FieldSet.fromFieldsV1("{\"f\":{}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldSet.fromFieldsV1("{\"k:notjson\":{}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldSet.fromFieldsV1("{\"f:a\":true}")).isInstanceOf(IllegalArgumentException.class);
        assertThat(FieldSet.fromFieldsV1("{}").isEmpty()).isTrue();
    }

    @Test
    void unionIntersectionDifference() {
        FieldSet left = FieldSet.of(path("a"), path("b", "c"), path("b", "d"));
        FieldSet right = FieldSet.of(path("b", "d"), path("b", "e"), path("f"));

        assertThat(left.union(right))
                .isEqualTo(FieldSet.of(path("a"), path("b", "c"), path("b", "d"), path("b", "e"), path("f")));
        assertThat(left.intersection(right)).isEqualTo(FieldSet.of(path("b", "d")));
        assertThat(left.difference(right)).isEqualTo(FieldSet.of(path("a"), path("b", "c")));
        assertThat(left.intersection(FieldSet.of(path("z"))).isEmpty()).isTrue();
    }

    @Test
    void differenceIsPathByPathButRecursiveDifferenceRemovesWholeSubtrees() {
        FieldSet set = FieldSet.of(path("a", "b", "c"), path("a", "b"), path("x"));
        FieldSet parent = FieldSet.of(path("a", "b"));

        assertThat(set.difference(parent)).isEqualTo(FieldSet.of(path("a", "b", "c"), path("x")));
        assertThat(set.recursiveDifference(parent)).isEqualTo(FieldSet.of(path("x")));
        assertThat(set.recursiveDifference(FieldSet.of(path("a")))).isEqualTo(FieldSet.of(path("x")));
    }

    @Test
    void withPrefixAndRoot() {
        FieldSet set = FieldSet.of(path("spec", "replicas"), path("spec"));
        assertThat(set.withPrefix(PathElement.field("spec"))).isEqualTo(FieldSet.of(path("replicas")));
        assertThat(set.withPrefix(PathElement.field("status")).isEmpty()).isTrue();
        assertThat(FieldSet.of(FieldPath.ROOT).isEmpty())
                .as("nobody owns the whole object")
                .isTrue();
        assertThat(set.has(FieldPath.ROOT)).isFalse();
    }

    @Test
    void pathsPrintAsInConflictMessages() {
        FieldPath p = path("spec", "template", "spec")
                .child(CONTAINERS)
                .child(NGINX)
                .child("ports")
                .child(PathElement.decode("k:{\"containerPort\":80,\"protocol\":\"TCP\"}"));
        assertThat(p.toString())
                .isEqualTo(".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]");
        assertThat(path("metadata", "finalizers")
                        .child(new PathElement.Value(TextNode.valueOf("a/b")))
                        .toString())
                .isEqualTo(".metadata.finalizers[=\"a/b\"]");
        assertThat(FieldPath.of(PathElement.decode("i:3")).toString()).isEqualTo("[3]");
    }

    @Test
    void goFloatFormatting() {
        assertThat(Values.goFloat(2.0)).isEqualTo("2");
        assertThat(Values.goFloat(0.5)).isEqualTo("0.5");
        assertThat(Values.goFloat(1e21)).isEqualTo("1e+21");
        assertThat(Values.goFloat(1e-7)).isEqualTo("1e-7");
        assertThat(Values.goFloat(-1.25e-10)).isEqualTo("-1.25e-10");
        assertThat(Values.goFloat(123456.789)).isEqualTo("123456.789");
    }

    @Test
    void valuesOrderAsKubeOrdersThem() {
        List<String> sorted =
                new java.util.ArrayList<>(List.of("v:true", "v:\"b\"", "v:3", "v:1.5", "v:null", "v:\"a\""));
        sorted.sort((x, y) -> PathElement.decode(x).compareTo(PathElement.decode(y)));
        assertThat(sorted).containsExactly("v:1.5", "v:3", "v:\"a\"", "v:\"b\"", "v:true", "v:null");
    }
}
