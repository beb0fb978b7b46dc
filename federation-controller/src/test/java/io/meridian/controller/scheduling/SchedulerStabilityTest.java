package io.meridian.controller.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.meridian.api.model.cluster.ResourceSummary;
import io.meridian.api.model.policy.ClusterAffinity;
import io.meridian.api.model.policy.Placement;
import io.meridian.api.model.policy.ReplicaScheduling;
import io.meridian.api.model.policy.StaticClusterWeight;
import io.meridian.api.model.work.TargetCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Long random sequences of rescheduling, each from the previous result, as a controller would run
 * them: the replica sum is always exact, division by capacity never exceeds a cluster's room, and a
 * reschedule never moves more replicas than scheduling from scratch would.
 */
class SchedulerStabilityTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Map<String, Quantity> ONE_CPU = Map.of("cpu", new Quantity("1"));

    @Test
    void staticWeightsUnderRandomWeightAndTotalChanges() {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            int n = 2 + random.nextInt(5);
            List<ClusterCandidate> clusters = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                clusters.add(ClusterCandidate.of("c" + i, "r" + (i % 3), null));
            }
            int[] weights = new int[n];
            for (int i = 0; i < n; i++) {
                weights[i] = 1 + random.nextInt(6);
            }
            int total = random.nextInt(30);
            List<TargetCluster> previous = List.of();
            for (int step = 0; step < 25; step++) {
                if (random.nextBoolean()) {
                    total = Math.max(0, total + random.nextInt(9) - 4);
                } else {
                    weights[random.nextInt(n)] = 1 + random.nextInt(6);
                }
                Placement placement = staticPlacement(weights);
                String context = "seed " + seed + " step " + step + ": total " + total + ", weights "
                        + Arrays.toString(weights) + ", previous " + previous;

                SchedulingResult stable = schedule(total, placement, clusters, previous, Map.of());
                SchedulingResult fresh = schedule(total, placement, clusters, List.of(), Map.of());

                assertThat(stable).as(context).isInstanceOf(SchedulingResult.Scheduled.class);
                Map<String, Integer> result = ((SchedulingResult.Scheduled) stable).replicasByCluster();
                assertThat(sum(result)).as(context).isEqualTo(total);
                long weightSum = Arrays.stream(weights).sum();
                for (int i = 0; i < n; i++) {
                    long count = result.getOrDefault("c" + i, 0);
                    assertThat(count)
                            .as(context + ": within the quota of c" + i)
                            .isBetween(
                                    total * weights[i] / weightSum, (total * weights[i] + weightSum - 1) / weightSum);
                }
                assertThat(removed(result, previous))
                        .as(context + ": moves no more than scheduling from scratch")
                        .isLessThanOrEqualTo(
                                removed(((SchedulingResult.Scheduled) fresh).replicasByCluster(), previous));
                previous = ((SchedulingResult.Scheduled) stable).clusters();
            }
        }
    }

    @Test
    void dynamicWeightsRespectRoomAndStayPutWhenNothingChanges() {
        int scheduledSteps = 0;
        int unschedulableSteps = 0;
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            int n = 2 + random.nextInt(4);
            int[] allocatable = new int[n];
            int[] others = new int[n];
            for (int i = 0; i < n; i++) {
                allocatable[i] = 2 + random.nextInt(20);
                others[i] = random.nextInt(allocatable[i] / 2 + 1);
            }
            Placement placement = Placement.of(null).withReplicaScheduling(ReplicaScheduling.byAvailableReplicas());
            int total = random.nextInt(20);
            List<TargetCluster> previous = List.of();
            for (int step = 0; step < 25; step++) {
                if (random.nextInt(3) == 0) {
                    int i = random.nextInt(n);
                    others[i] = random.nextInt(allocatable[i] + 1);
                } else if (random.nextBoolean()) {
                    total = Math.max(0, total + random.nextInt(9) - 4);
                }
                // What the member clusters report: other workloads plus this one's previous replicas.
                List<ClusterCandidate> clusters = new ArrayList<>();
                Map<String, Integer> before = asMap(previous);
                int room = 0;
                for (int i = 0; i < n; i++) {
                    int mine = before.getOrDefault("c" + i, 0);
                    int allocated = Math.min(allocatable[i], others[i] + mine);
                    clusters.add(ClusterCandidate.of("c" + i, "r", null)
                            .withResources(new ResourceSummary(
                                    Map.of("cpu", new Quantity(String.valueOf(allocatable[i]))),
                                    Map.of("cpu", new Quantity(String.valueOf(allocated))))));
                    room += allocatable[i] - allocated + mine;
                }
                String context = "seed " + seed + " step " + step + ": total " + total + ", previous " + previous;

                SchedulingResult result = schedule(total, placement, clusters, previous, ONE_CPU);

                if (result instanceof SchedulingResult.Scheduled scheduled) {
                    assertThat(room).as(context).isGreaterThanOrEqualTo(total);
                    Map<String, Integer> replicas = scheduled.replicasByCluster();
                    assertThat(sum(replicas)).as(context).isEqualTo(total);
                    for (int i = 0; i < n; i++) {
                        int mine = before.getOrDefault("c" + i, 0);
                        int free = allocatable[i] - Math.min(allocatable[i], others[i] + mine);
                        assertThat(replicas.getOrDefault("c" + i, 0))
                                .as(context + ": c" + i + " holds no more than its room")
                                .isLessThanOrEqualTo(free + mine);
                    }
                    SchedulingResult again = schedule(
                            total, placement, clustersAfter(clusters, replicas, before), scheduled.clusters(), ONE_CPU);
                    assertThat(again)
                            .as(context + ": rescheduling an unchanged world changes nothing")
                            .isInstanceOf(SchedulingResult.Scheduled.class);
                    assertThat(((SchedulingResult.Scheduled) again).replicasByCluster())
                            .as(context)
                            .isEqualTo(replicas);
                    previous = scheduled.clusters();
                    scheduledSteps++;
                } else {
                    assertThat(result.message()).as(context).contains("room for");
                    assertThat(room).as(context).isLessThan(total);
                    unschedulableSteps++;
                }
            }
        }
        assertThat(scheduledSteps).as("steps that scheduled").isGreaterThan(1000);
        assertThat(unschedulableSteps).as("steps that lacked room").isGreaterThan(10);
    }

    /** The clusters as they report once the workload runs {@code replicas} instead of {@code before}. */
    private static List<ClusterCandidate> clustersAfter(
            List<ClusterCandidate> clusters, Map<String, Integer> replicas, Map<String, Integer> before) {
        List<ClusterCandidate> after = new ArrayList<>();
        for (ClusterCandidate cluster : clusters) {
            long allocatable = cluster.resources()
                    .allocatable()
                    .get("cpu")
                    .getNumericalAmount()
                    .longValue();
            long allocated = cluster.resources()
                            .allocated()
                            .get("cpu")
                            .getNumericalAmount()
                            .longValue()
                    - before.getOrDefault(cluster.name(), 0)
                    + replicas.getOrDefault(cluster.name(), 0);
            after.add(cluster.withResources(new ResourceSummary(
                    Map.of("cpu", new Quantity(String.valueOf(allocatable))),
                    Map.of("cpu", new Quantity(String.valueOf(allocated))))));
        }
        return after;
    }

    private static SchedulingResult schedule(
            int total,
            Placement placement,
            List<ClusterCandidate> clusters,
            List<TargetCluster> previous,
            Map<String, Quantity> request) {
        return Scheduler.schedule(SchedulingRequest.builder()
                .replicas(total)
                .replicaRequest(request)
                .placement(placement)
                .clusters(clusters)
                .previous(previous)
                .now(NOW)
                .build());
    }

    private static Placement staticPlacement(int[] weights) {
        List<StaticClusterWeight> list = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            list.add(new StaticClusterWeight(ClusterAffinity.names("c" + i), weights[i]));
        }
        return Placement.of(null).withReplicaScheduling(ReplicaScheduling.weighted(list));
    }

    private static Map<String, Integer> asMap(List<TargetCluster> targets) {
        Map<String, Integer> map = new HashMap<>();
        targets.forEach(t -> map.put(t.name(), t.replicas()));
        return map;
    }

    private static int sum(Map<String, Integer> replicas) {
        return replicas.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static int removed(Map<String, Integer> result, List<TargetCluster> previous) {
        int removed = 0;
        for (TargetCluster target : previous) {
            removed += Math.max(0, target.replicas() - result.getOrDefault(target.name(), 0));
        }
        return removed;
    }
}
