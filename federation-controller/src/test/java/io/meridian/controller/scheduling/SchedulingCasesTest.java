package io.meridian.controller.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.meridian.api.model.cluster.ResourceSummary;
import io.meridian.api.model.meta.Taint;
import io.meridian.api.model.policy.FailoverBehavior;
import io.meridian.api.model.policy.Placement;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.controller.cases.YamlCases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases in {@code src/test/resources/scheduling/*.yaml}. A case gives the request ({@code
 * replicas}, {@code replicaRequest}, {@code placement}, {@code failover}, {@code clusters}, {@code
 * previous} as cluster to replicas, {@code now}) and expects {@code clusters} (cluster to replicas)
 * or {@code unschedulable} (the condition reason), and optionally {@code excluded} (cluster to
 * filter, exactly) and {@code messageContains}.
 */
class SchedulingCasesTest {

    static Stream<Arguments> cases() {
        return YamlCases.in("scheduling");
    }

    /** A candidate cluster as a case writes it; {@code ready} defaults to true. */
    record ClusterCase(
            String name,
            String region,
            String zone,
            Map<String, String> labels,
            List<Taint> taints,
            Boolean ready,
            Map<String, Quantity> allocatable,
            Map<String, Quantity> allocated) {

        ClusterCandidate candidate() {
            ResourceSummary resources =
                    allocatable == null && allocated == null ? null : new ResourceSummary(allocatable, allocated);
            return new ClusterCandidate(name, region, zone, labels, taints, ready == null || ready, resources);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void schedules(String name, JsonNode c) {
        List<ClusterCandidate> clusters = new ArrayList<>();
        c.path("clusters")
                .forEach(n -> clusters.add(YamlCases.read(n, ClusterCase.class).candidate()));
        List<TargetCluster> previous = new ArrayList<>();
        c.path("previous")
                .fields()
                .forEachRemaining(e -> previous.add(TargetCluster.of(
                        e.getKey(), e.getValue().isNull() ? null : e.getValue().asInt())));
        Map<String, Quantity> replicaRequest = new LinkedHashMap<>();
        c.path("replicaRequest")
                .fields()
                .forEachRemaining(e ->
                        replicaRequest.put(e.getKey(), new Quantity(e.getValue().asText())));

        SchedulingRequest request = SchedulingRequest.builder()
                .replicas(c.has("replicas") ? c.get("replicas").asInt() : null)
                .replicaRequest(replicaRequest)
                .placement(YamlCases.read(c.get("placement"), Placement.class))
                .failover(YamlCases.read(c.get("failover"), FailoverBehavior.class))
                .clusters(clusters)
                .previous(previous)
                .now(Instant.parse(c.path("now").asText("2025-01-01T00:10:00Z")))
                .build();

        SchedulingResult result = Scheduler.schedule(request);

        JsonNode expect = c.get("expect");
        if (expect.has("clusters")) {
            assertThat(result).as(result.message()).isInstanceOf(SchedulingResult.Scheduled.class);
            Map<String, Integer> expected = new LinkedHashMap<>();
            expect.get("clusters")
                    .fields()
                    .forEachRemaining(e -> expected.put(
                            e.getKey(),
                            e.getValue().isNull() ? null : e.getValue().asInt()));
            assertThat(((SchedulingResult.Scheduled) result).replicasByCluster())
                    .containsExactlyEntriesOf(expected);
        } else {
            assertThat(result).as(result.message()).isInstanceOf(SchedulingResult.Unschedulable.class);
            assertThat(result.reason()).isEqualTo(expect.get("unschedulable").asText());
        }
        if (expect.has("excluded")) {
            Map<String, String> expected = new LinkedHashMap<>();
            expect.get("excluded")
                    .fields()
                    .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
            Map<String, String> actual = new LinkedHashMap<>();
            result.excluded().forEach(e -> actual.put(e.cluster(), e.filter().name()));
            assertThat(actual).as(result.message()).isEqualTo(expected);
        }
        for (JsonNode fragment : expect.path("messageContains")) {
            assertThat(result.message()).contains(fragment.asText());
        }
    }
}
