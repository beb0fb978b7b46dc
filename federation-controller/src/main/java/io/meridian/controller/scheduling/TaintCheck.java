package io.meridian.controller.scheduling;

import io.meridian.api.model.meta.Taint;
import io.meridian.api.model.meta.TaintEffect;
import io.meridian.api.model.meta.Toleration;
import io.meridian.api.model.meta.TolerationOperator;
import io.meridian.api.model.names.TaintKeys;
import io.meridian.api.model.policy.FailoverBehavior;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Taints against tolerations, as the scheduler applies them.
 *
 * <ul>
 *   <li>NoSchedule: an untolerated taint keeps new placements off the cluster; a cluster that
 *       already holds the workload keeps it but gains no replica ({@link Verdict#frozen}).
 *   <li>PreferNoSchedule: each untolerated taint only lowers the cluster's preference.
 *   <li>NoExecute: an untolerated taint removes the workload. A toleration with {@code
 *       tolerationSeconds} keeps a cluster that already holds the workload until that many seconds
 *       after the taint's {@code timeAdded} (frozen meanwhile); it does not admit new placements,
 *       since the workload would have to leave again. Zero or fewer seconds tolerate nothing.
 *   <li>A cluster that is not Ready counts as tainted {@code meridian.io/not-ready:NoSchedule}
 *       unless it already carries a NoSchedule taint for not-ready or unreachable.
 * </ul>
 *
 * <p>The policy's failover section adds tolerations of the NoExecute taints Meridian puts on failed
 * clusters ({@link TaintKeys#NOT_READY}, {@link TaintKeys#UNREACHABLE}) for its durations, unless
 * the placement already tolerates these keys itself.
 */
final class TaintCheck {

    private final List<Toleration> tolerations;
    private final Instant now;

    TaintCheck(List<Toleration> placementTolerations, FailoverBehavior failover, Instant now) {
        FailoverBehavior behavior = failover == null ? FailoverBehavior.DEFAULTS : failover;
        List<Toleration> all = new ArrayList<>(placementTolerations);
        addUnlessKeyed(all, TaintKeys.NOT_READY, behavior.effectiveNotReadyTolerationSeconds());
        addUnlessKeyed(all, TaintKeys.UNREACHABLE, behavior.effectiveUnreachableTolerationSeconds());
        this.tolerations = List.copyOf(all);
        this.now = now;
    }

    /** What the taints of {@code cluster} do to the workload; {@code placed}: it is already there. */
    Verdict check(ClusterCandidate cluster, boolean placed) {
        int penalty = 0;
        boolean frozen = false;
        for (Taint taint : effectiveTaints(cluster)) {
            List<Toleration> matching =
                    tolerations.stream().filter(t -> t.tolerates(taint)).toList();
            boolean notReady = isSynthetic(taint, cluster);
            switch (taint.effect()) {
                case PREFER_NO_SCHEDULE -> penalty += matching.isEmpty() ? 1 : 0;
                case NO_SCHEDULE -> {
                    if (matching.isEmpty()) {
                        if (!placed) {
                            return Verdict.excluded(
                                    notReady ? "not Ready" : "with untolerated taint " + describe(taint));
                        }
                        frozen = true;
                    }
                }
                case NO_EXECUTE -> {
                    if (matching.isEmpty()) {
                        return Verdict.excluded("with untolerated taint " + describe(taint));
                    }
                    if (matching.stream().noneMatch(t -> t.tolerationSeconds() == null)) {
                        if (!placed) {
                            return Verdict.excluded("with taint " + describe(taint)
                                    + " tolerated only for a while, too short for a new placement");
                        }
                        if (expired(taint, matching)) {
                            return Verdict.excluded("with taint " + describe(taint) + " whose toleration ran out");
                        }
                        frozen = true;
                    }
                }
            }
        }
        return new Verdict(null, penalty, frozen);
    }

    private boolean expired(Taint taint, List<Toleration> matching) {
        long longest =
                matching.stream().mapToLong(Toleration::tolerationSeconds).max().orElse(0);
        if (longest <= 0) {
            return true;
        }
        return taint.timeAdded() != null && !now.isBefore(taint.timeAdded().plusSeconds(longest));
    }

    private static List<Taint> effectiveTaints(ClusterCandidate cluster) {
        if (cluster.ready()
                || cluster.taints().stream()
                        .anyMatch(t -> t.effect() == TaintEffect.NO_SCHEDULE
                                && (TaintKeys.NOT_READY.equals(t.key()) || TaintKeys.UNREACHABLE.equals(t.key())))) {
            return cluster.taints();
        }
        List<Taint> taints = new ArrayList<>(cluster.taints());
        taints.add(new Taint(TaintKeys.NOT_READY, null, TaintEffect.NO_SCHEDULE, null));
        return taints;
    }

    private static boolean isSynthetic(Taint taint, ClusterCandidate cluster) {
        return !cluster.taints().contains(taint);
    }

    private static void addUnlessKeyed(List<Toleration> tolerations, String key, long seconds) {
        if (tolerations.stream().noneMatch(t -> key.equals(t.key()))) {
            tolerations.add(new Toleration(key, TolerationOperator.EXISTS, null, TaintEffect.NO_EXECUTE, seconds));
        }
    }

    /** {@code key=value:Effect}, or {@code key:Effect} without a value, as kubectl prints taints. */
    static String describe(Taint taint) {
        String effect = switch (taint.effect()) {
            case NO_SCHEDULE -> "NoSchedule";
            case PREFER_NO_SCHEDULE -> "PreferNoSchedule";
            case NO_EXECUTE -> "NoExecute";
        };
        return taint.key() + (taint.value() == null ? "" : "=" + taint.value()) + ":" + effect;
    }

    /**
     * The outcome for one cluster.
     *
     * @param exclusion why the cluster is left out; null if it is not
     * @param penalty how many untolerated PreferNoSchedule taints it has
     * @param frozen whether it keeps what it has but may gain no replica
     */
    record Verdict(String exclusion, int penalty, boolean frozen) {
        static Verdict excluded(String reason) {
            return new Verdict(reason, 0, false);
        }

        boolean excluded() {
            return exclusion != null;
        }
    }
}
