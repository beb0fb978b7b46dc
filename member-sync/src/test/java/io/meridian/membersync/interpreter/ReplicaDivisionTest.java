package io.meridian.membersync.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.meridian.api.model.work.TargetCluster;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Properties a table of cases cannot show: shares always add up, and quantities read back exactly. */
class ReplicaDivisionTest {

    @Test
    void completionSharesAlwaysAddUpAndFollowTheWeights() {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            long total = random.nextInt(1_000);
            long[] weights = LongStream.generate(() -> random.nextInt(6))
                    .limit(1 + random.nextInt(5))
                    .toArray();
            long[] shares = JobInterpreter.proportionalShares(total, weights);

            assertThat(LongStream.of(shares).sum())
                    .as("sum of %s", List.of(shares))
                    .isEqualTo(total);
            long weightSum = LongStream.of(weights).sum();
            for (int i = 0; i < weights.length; i++) {
                if (weightSum > 0) {
                    // each share is its exact proportion rounded down or up
                    double exact = (double) total * weights[i] / weightSum;
                    assertThat((double) shares[i]).isBetween(Math.floor(exact), Math.ceil(exact));
                }
            }
        }
    }

    @Test
    void jobsDividedOverClustersCompleteWhatTheTemplateAsks() {
        GenericKubernetesResource job = new GenericKubernetesResourceBuilder()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withNewMetadata()
                .withName("report")
                .endMetadata()
                .build();
        job.setAdditionalProperty("spec", Map.of("parallelism", 10, "completions", 101));
        List<TargetCluster> targets =
                List.of(TargetCluster.of("a", 3), TargetCluster.of("b", 3), TargetCluster.of("c", 4));

        Map<String, GenericKubernetesResource> divided =
                InterpreterRegistry.withBuiltIns().divideReplicas(job, targets);

        List<Number> completions = new ArrayList<>();
        divided.values().forEach(copy -> completions.add(copy.<Number>get("spec", "completions")));
        assertThat(completions.stream().mapToLong(Number::longValue).sum()).isEqualTo(101);
        assertThat(divided.get("c").<Number>get("spec", "parallelism").intValue())
                .isEqualTo(4);
    }

    @Test
    void canonicalQuantitiesReadBackToTheSameAmount() {
        for (String amount : List.of("0.25", "2.15", "1", "134217728", "0.0001", "1.5e3")) {
            BigDecimal value = new BigDecimal(amount);
            assertThat(PodSpecs.canonical(value).getNumericalAmount()).isEqualByComparingTo(value);
        }
        assertThat(PodSpecs.canonical(new BigDecimal("0.25"))).hasToString("250m");
        assertThat(PodSpecs.canonical(new BigDecimal("134217728.000"))).hasToString("134217728");
    }
}
