package io.meridian.controller.scheduling;

import java.util.Comparator;

/**
 * A cluster that passed the filters, with what the later steps need.
 *
 * @param candidate the cluster
 * @param placed whether the previous result holds it
 * @param previous its replicas in the previous result, zero if none
 * @param penalty its untolerated PreferNoSchedule taints
 * @param frozen whether it may keep but not gain replicas
 * @param room how many replicas of this workload it can hold: those that fit in its free capacity
 *     plus those the previous result gave it (they already count as allocated), or exactly the
 *     previous ones when frozen
 */
record Feasible(ClusterCandidate candidate, boolean placed, int previous, int penalty, boolean frozen, long room) {

    /**
     * Preference, best first: clusters that hold the workload (stability), fewer untolerated
     * PreferNoSchedule taints, more room, then name.
     */
    static final Comparator<Feasible> PREFERENCE = Comparator.comparing(Feasible::placed)
            .reversed()
            .thenComparingInt(Feasible::penalty)
            .thenComparing(Comparator.comparingLong(Feasible::room).reversed())
            .thenComparing(Feasible::name);

    String name() {
        return candidate.name();
    }
}
