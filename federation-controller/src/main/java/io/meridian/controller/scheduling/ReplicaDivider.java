package io.meridian.controller.scheduling;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Divides a replica count among clusters in proportion to weights, under per-cluster caps, moving as
 * few replicas as possible away from a previous division.
 *
 * <h2>Algorithm</h2>
 *
 * <ol>
 *   <li><b>Ideal quotas.</b> Each cluster's exact share is {@code q = total * w / W}. A cluster whose
 *       share exceeds its cap is held at the cap and the rest is shared again among the others
 *       (water-filling), until no share exceeds a cap. Arithmetic is exact: a share is an integer
 *       part and a remainder over a common denominator, never a floating-point number.
 *   <li><b>Quota box.</b> Every cluster must get {@code floor(q)} or {@code ceil(q)} replicas. This
 *       is the property of largest-remainder (Hamilton) rounding: no cluster is ever more than one
 *       replica away from its exact share, whatever the previous division was.
 *   <li><b>Stay close to the previous division.</b> Each cluster starts from its previous count,
 *       clamped into its box. This is the unique point of the box nearest to the previous division.
 *   <li><b>Fix the sum.</b> If the clamped counts add up to less than {@code total}, one replica is
 *       added to each of the clusters still below {@code ceil(q)}, largest remainder first; if more,
 *       one is taken from clusters above {@code floor(q)}, smallest remainder first. Ties go by weight
 *       (heavier gains first, lighter loses first), then by name (ascending for gains, descending for
 *       losses), so that growing by one and shrinking back by one returns the same division.
 * </ol>
 *
 * <p>Why this moves as little as possible: for any division {@code a} inside the box with the
 * right sum, {@code sum |a - prev| = sum dist(prev, box) + sum |a - clamp(prev)|}, because the
 * previous count and {@code a} lie on the same side of the clamped point. The first term is fixed
 * and the second is at least {@code |total - sum clamp(prev)|}, which step 4 achieves exactly. So no
 * division that respects the quotas, including a from-scratch largest-remainder division (step 4
 * with no previous counts), takes fewer replicas away from any cluster. Examples: 8 replicas at
 * 2:1:1 give 4/2/2; growing to 9 adds one replica to the first cluster (5/2/2) and moves nothing;
 * 9 replicas at 1:1:1 (3/3/3) re-weighted to 2:1:1 move one replica (4/3/2), where a fresh
 * division (5/2/2) would move two.
 */
public final class ReplicaDivider {

    private ReplicaDivider() {}

    /**
     * One cluster's part in a division.
     *
     * @param cluster the cluster's name, unique within a division
     * @param weight the cluster's weight, zero or more; zero gets no replica
     * @param cap the most replicas the cluster may get, zero or more; {@link Long#MAX_VALUE} for none
     * @param previous the replicas the cluster had in the previous division, zero if none
     */
    public record Share(String cluster, long weight, long cap, int previous) {
        public Share {
            if (weight < 0 || cap < 0 || previous < 0) {
                throw new IllegalArgumentException("negative weight, cap or previous count for " + cluster);
            }
        }

        /** A share without a cap and without a previous count. */
        public static Share of(String cluster, long weight) {
            return new Share(cluster, weight, Long.MAX_VALUE, 0);
        }
    }

    /**
     * Whether {@code total} replicas can be divided among {@code shares}: zero can always be
     * divided; otherwise the clusters with a positive weight must have room for them all.
     */
    public static boolean feasible(int total, List<Share> shares) {
        if (total == 0) {
            return true;
        }
        long room = 0;
        for (Share share : shares) {
            if (share.weight() > 0) {
                room = saturatedAdd(room, share.cap());
            }
        }
        return room >= total;
    }

    /**
     * Divides {@code total} among {@code shares}.
     *
     * @return the replicas of every cluster, in the order of {@code shares}, summing to {@code total}
     * @throws IllegalArgumentException if {@code total} is negative or not {@link #feasible}
     */
    public static Map<String, Integer> divide(int total, List<Share> shares) {
        if (total < 0 || !feasible(total, shares)) {
            throw new IllegalArgumentException("cannot divide " + total + " replicas among " + shares);
        }
        List<Slot> slots = new ArrayList<>();
        for (Share share : shares) {
            slots.add(new Slot(share));
        }
        quotas(total, slots);

        int sum = 0;
        for (Slot slot : slots) {
            slot.count = (int) Math.max(slot.low, Math.min(slot.high(), slot.share.previous()));
            sum += slot.count;
        }
        if (sum < total) {
            List<Slot> growable = slots.stream()
                    .filter(s -> s.count < s.high())
                    .sorted(GAIN_ORDER)
                    .toList();
            for (int i = 0; i < total - sum; i++) {
                growable.get(i).count++;
            }
        } else if (sum > total) {
            List<Slot> shrinkable = slots.stream()
                    .filter(s -> s.count > s.low)
                    .sorted(GAIN_ORDER.reversed())
                    .toList();
            for (int i = 0; i < sum - total; i++) {
                shrinkable.get(i).count--;
            }
        }

        Map<String, Integer> result = new LinkedHashMap<>();
        for (Slot slot : slots) {
            result.put(slot.share.cluster(), slot.count);
        }
        return result;
    }

    /**
     * Sets every slot's integer share and remainder by water-filling; remainders of the uncapped
     * slots share one denominator, capped slots have none.
     */
    private static void quotas(int total, List<Slot> slots) {
        List<Slot> open = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.share.weight() > 0 && slot.share.cap() > 0) {
                open.add(slot);
            }
        }
        long left = total;
        boolean capped = true;
        while (capped && !open.isEmpty()) {
            capped = false;
            BigInteger weights = sumOfWeights(open);
            List<Slot> stillOpen = new ArrayList<>();
            long takenByCaps = 0;
            for (Slot slot : open) {
                BigInteger ideal = BigInteger.valueOf(left).multiply(BigInteger.valueOf(slot.share.weight()));
                if (ideal.compareTo(BigInteger.valueOf(slot.share.cap()).multiply(weights)) > 0) {
                    slot.low = slot.share.cap();
                    takenByCaps += slot.low;
                    capped = true;
                } else {
                    stillOpen.add(slot);
                }
            }
            left -= takenByCaps;
            open = stillOpen;
        }
        if (open.isEmpty()) {
            return;
        }
        BigInteger weights = sumOfWeights(open);
        for (Slot slot : open) {
            BigInteger[] division = BigInteger.valueOf(left)
                    .multiply(BigInteger.valueOf(slot.share.weight()))
                    .divideAndRemainder(weights);
            slot.low = division[0].longValueExact();
            slot.remainder = division[1];
        }
    }

    private static BigInteger sumOfWeights(List<Slot> slots) {
        BigInteger sum = BigInteger.ZERO;
        for (Slot slot : slots) {
            sum = sum.add(BigInteger.valueOf(slot.share.weight()));
        }
        return sum;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** Who gains a replica first: largest remainder, then heaviest, then name. */
    private static final Comparator<Slot> GAIN_ORDER = Comparator.comparing((Slot s) -> s.remainder)
            .reversed()
            .thenComparing(
                    Comparator.comparingLong((Slot s) -> s.share.weight()).reversed())
            .thenComparing(s -> s.share.cluster());

    private static final class Slot {
        final Share share;
        long low;
        BigInteger remainder = BigInteger.ZERO;
        int count;

        Slot(Share share) {
            this.share = share;
        }

        long high() {
            return remainder.signum() > 0 ? low + 1 : low;
        }
    }
}
