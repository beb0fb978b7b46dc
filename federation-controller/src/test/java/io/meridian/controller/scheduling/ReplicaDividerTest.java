package io.meridian.controller.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.controller.scheduling.ReplicaDivider.Share;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The division algorithm: the documented examples, then properties over many random weight, cap,
 * total and previous-division combinations (seeded, so a failure names a reproducible case).
 */
class ReplicaDividerTest {

    private static final long NONE = Long.MAX_VALUE;

    @Test
    void eightReplicasAtTwoOneOneAreFourTwoTwo() {
        assertThat(ReplicaDivider.divide(8, shares(new long[] {2, 1, 1}, new int[] {0, 0, 0})))
                .containsExactly(Map.entry("a", 4), Map.entry("b", 2), Map.entry("c", 2));
    }

    @Test
    void growingToNineAddsOneReplicaAndMovesNothing() {
        assertThat(ReplicaDivider.divide(9, shares(new long[] {2, 1, 1}, new int[] {4, 2, 2})))
                .containsExactly(Map.entry("a", 5), Map.entry("b", 2), Map.entry("c", 2));
    }

    @Test
    void reweightingMovesOnlyTheReplicasTheNewQuotasForce() {
        // 1:1:1 -> 2:1:1 at 9 replicas: a's quota is 4.5, b's and c's 2.25; one replica moves.
        Map<String, Integer> moved = ReplicaDivider.divide(9, shares(new long[] {2, 1, 1}, new int[] {3, 3, 3}));
        assertThat(moved).containsExactly(Map.entry("a", 4), Map.entry("b", 3), Map.entry("c", 2));
        Map<String, Integer> fresh = ReplicaDivider.divide(9, shares(new long[] {2, 1, 1}, new int[] {0, 0, 0}));
        assertThat(fresh).containsExactly(Map.entry("a", 5), Map.entry("b", 2), Map.entry("c", 2));
    }

    @Test
    void capsHoldAndTheRestIsSharedAgain() {
        List<Share> shares = List.of(new Share("a", 1, 2, 0), new Share("b", 1, NONE, 0), new Share("c", 1, NONE, 0));
        assertThat(ReplicaDivider.divide(10, shares))
                .containsExactly(Map.entry("a", 2), Map.entry("b", 4), Map.entry("c", 4));
    }

    @Test
    void zeroWeightGetsNothingAndInfeasibleDivisionsAreRefused() {
        assertThat(ReplicaDivider.divide(3, List.of(Share.of("a", 0), Share.of("b", 5))))
                .containsExactly(Map.entry("a", 0), Map.entry("b", 3));
        assertThat(ReplicaDivider.feasible(3, List.of(new Share("a", 1, 2, 0), Share.of("b", 0))))
                .isFalse();
        assertThatThrownBy(() -> ReplicaDivider.divide(3, List.of(new Share("a", 1, 2, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ReplicaDivider.divide(0, List.of(Share.of("a", 0)))).containsExactly(Map.entry("a", 0));
    }

    @Test
    void randomDivisionsAreExactCappedWithinQuotaAndMoveNoMoreThanAFreshDivision() {
        for (long seed = 0; seed < 3000; seed++) {
            Random random = new Random(seed);
            int n = 1 + random.nextInt(7);
            long[] weights = new long[n];
            long[] caps = new long[n];
            boolean capped = random.nextBoolean();
            for (int i = 0; i < n; i++) {
                weights[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(9);
                caps[i] = capped && random.nextBoolean() ? random.nextInt(15) : NONE;
            }
            weights[random.nextInt(n)] = 1 + random.nextInt(9);
            // The previous division: a division of another total by other weights, or anything.
            int[] previous = new int[n];
            if (random.nextBoolean()) {
                long[] oldWeights = new long[n];
                for (int i = 0; i < n; i++) {
                    oldWeights[i] = 1 + random.nextInt(9);
                }
                Map<String, Integer> old = ReplicaDivider.divide(random.nextInt(40), shares(oldWeights, new int[n]));
                for (int i = 0; i < n; i++) {
                    previous[i] = old.get(name(i));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    previous[i] = random.nextInt(8);
                }
            }
            List<Share> shares = new ArrayList<>();
            List<Share> fresh = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                shares.add(new Share(name(i), weights[i], caps[i], previous[i]));
                fresh.add(new Share(name(i), weights[i], caps[i], 0));
            }
            int total = random.nextInt(40);
            if (!ReplicaDivider.feasible(total, shares)) {
                continue;
            }
            String context = "seed " + seed + ", total " + total + ", shares " + shares;

            Map<String, Integer> division = ReplicaDivider.divide(total, shares);

            assertThat(division.values().stream().mapToInt(Integer::intValue).sum())
                    .as(context)
                    .isEqualTo(total);
            for (int i = 0; i < n; i++) {
                int count = division.get(name(i));
                assertThat(count).as(context).isBetween(0, (int) Math.min(caps[i], total));
                if (weights[i] == 0) {
                    assertThat(count).as(context).isZero();
                }
            }
            if (!capped) {
                long sum = 0;
                for (long w : weights) {
                    sum += w;
                }
                for (int i = 0; i < n; i++) {
                    long floor = total * weights[i] / sum;
                    long ceil = (total * weights[i] + sum - 1) / sum;
                    assertThat((long) division.get(name(i))).as(context).isBetween(floor, ceil);
                }
                if (n <= 4 && total <= 15) {
                    assertThat(movement(division, previous))
                            .as(context + ": no division within the quotas moves less")
                            .isEqualTo(leastMovementByBruteForce(total, weights, previous));
                }
            }
            assertThat(removed(division, previous))
                    .as(context + ": moves no more than a fresh division")
                    .isLessThanOrEqualTo(removed(ReplicaDivider.divide(total, fresh), previous));

            List<Share> again = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                again.add(new Share(name(i), weights[i], caps[i], division.get(name(i))));
            }
            assertThat(ReplicaDivider.divide(total, again))
                    .as(context + ": dividing again changes nothing")
                    .isEqualTo(division);
            List<Share> shuffled = new ArrayList<>(shares);
            Collections.shuffle(shuffled, random);
            assertThat(ReplicaDivider.divide(total, shuffled))
                    .as(context + ": the order of the shares does not matter")
                    .isEqualTo(division);
        }
    }

    @Test
    void growingTheTotalOneByOneFromScratchOnlyAddsReplicasWithEqualWeights() {
        int[] previous = new int[5];
        long[] weights = {1, 1, 1, 1, 1};
        for (int total = 1; total <= 40; total++) {
            Map<String, Integer> division = ReplicaDivider.divide(total, shares(weights, previous));
            assertThat(removed(division, previous)).as("total " + total).isZero();
            for (int i = 0; i < previous.length; i++) {
                previous[i] = division.get(name(i));
            }
        }
    }

    /** The least total change of any division within the quota box, found by enumeration. */
    private static int leastMovementByBruteForce(int total, long[] weights, int[] previous) {
        long sum = 0;
        for (long w : weights) {
            sum += w;
        }
        int n = weights.length;
        int[] low = new int[n];
        int[] high = new int[n];
        for (int i = 0; i < n; i++) {
            low[i] = (int) (total * weights[i] / sum);
            high[i] = (int) ((total * weights[i] + sum - 1) / sum);
        }
        int best = Integer.MAX_VALUE;
        int[] pick = low.clone();
        while (true) {
            int s = 0;
            int change = 0;
            for (int i = 0; i < n; i++) {
                s += pick[i];
                change += Math.abs(pick[i] - previous[i]);
            }
            if (s == total) {
                best = Math.min(best, change);
            }
            int i = 0;
            while (i < n && pick[i] == high[i]) {
                pick[i] = low[i];
                i++;
            }
            if (i == n) {
                return best;
            }
            pick[i]++;
        }
    }

    private static int movement(Map<String, Integer> division, int[] previous) {
        int change = 0;
        for (int i = 0; i < previous.length; i++) {
            change += Math.abs(division.get(name(i)) - previous[i]);
        }
        return change;
    }

    private static int removed(Map<String, Integer> division, int[] previous) {
        int removed = 0;
        for (int i = 0; i < previous.length; i++) {
            removed += Math.max(0, previous[i] - division.get(name(i)));
        }
        return removed;
    }

    private static List<Share> shares(long[] weights, int[] previous) {
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            shares.add(new Share(name(i), weights[i], NONE, previous[i]));
        }
        return shares;
    }

    private static String name(int i) {
        return String.valueOf((char) ('a' + i));
    }
}
