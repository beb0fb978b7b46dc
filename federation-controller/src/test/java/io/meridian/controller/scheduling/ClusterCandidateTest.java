package io.meridian.controller.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.ClusterStatus;
import io.meridian.api.model.cluster.ResourceSummary;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Taint;
import io.meridian.api.model.meta.TaintEffect;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.TaintKeys;
import io.meridian.api.model.policy.Placement;
import io.meridian.api.model.policy.ReplicaScheduling;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.TargetCluster;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterCandidateTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void readsTheClusterObject() {
        Cluster cluster = cluster("eu-1", "eu-west", ConditionStatus.TRUE);
        cluster.getMetadata().setLabels(Map.of("tier", "gold"));

        ClusterCandidate candidate = ClusterCandidate.from(cluster);

        assertThat(candidate.name()).isEqualTo("eu-1");
        assertThat(candidate.region()).isEqualTo("eu-west");
        assertThat(candidate.zone()).isEqualTo("eu-west-1a");
        assertThat(candidate.labels()).containsEntry("tier", "gold");
        assertThat(candidate.taints()).extracting(Taint::key).containsExactly(TaintKeys.UNSCHEDULABLE);
        assertThat(candidate.ready()).isTrue();
        assertThat(ReplicaCapacity.replicasThatFit(candidate.resources(), Map.of("cpu", new Quantity("500m"))))
                .isEqualTo(6);
        assertThat(ClusterCandidate.from(cluster("x", "r", ConditionStatus.UNKNOWN))
                        .ready())
                .isFalse();
        assertThat(ClusterCandidate.from(new Cluster("bare", null))).satisfies(c -> {
            assertThat(c.ready()).isFalse();
            assertThat(c.resources()).isNull();
        });
    }

    @Test
    void reschedulesABindingFromItsOwnFields() {
        ResourceBindingSpec binding = ResourceBindingSpec.builder()
                .replicas(4)
                .placement(Placement.of(null).withReplicaScheduling(ReplicaScheduling.byAvailableReplicas()))
                .clusters(TargetCluster.of("eu-1", 4))
                .build();
        Cluster eu = cluster("eu-1", "eu-west", ConditionStatus.TRUE);
        Cluster us = cluster("us-1", "us-east", ConditionStatus.TRUE);

        SchedulingRequest request =
                SchedulingRequest.forBinding(binding, List.of(eu, us), Map.of("cpu", new Quantity("1")), NOW);

        assertThat(request.previous()).containsExactly(TargetCluster.of("eu-1", 4));
        // eu-1 is cordoned but keeps its 4 replicas; us-1 is cordoned too and gets nothing new.
        SchedulingResult result = Scheduler.schedule(request);
        assertThat(result).isInstanceOf(SchedulingResult.Scheduled.class);
        assertThat(((SchedulingResult.Scheduled) result).replicasByCluster()).containsExactly(Map.entry("eu-1", 4));
        assertThat(result.excluded())
                .singleElement()
                .satisfies(e -> assertThat(e.reason())
                        .isEqualTo("with untolerated taint meridian.io/unschedulable:NoSchedule"));
    }

    private static Cluster cluster(String name, String region, ConditionStatus ready) {
        Cluster cluster = new Cluster(
                name,
                ClusterSpec.builder()
                        .region(region)
                        .zone(region + "-1a")
                        .taints(List.of(Taint.of(TaintKeys.UNSCHEDULABLE, TaintEffect.NO_SCHEDULE, NOW)))
                        .build());
        cluster.setStatus(ClusterStatus.builder()
                .conditions(List.of(Condition.of(ConditionTypes.READY, ready, "ClusterReady", null, NOW)))
                .resourceSummary(new ResourceSummary(
                        Map.of("cpu", new Quantity("4"), "pods", new Quantity("110")),
                        Map.of("cpu", new Quantity("1"))))
                .build());
        return cluster;
    }
}
