package io.meridian.fedctl.apply;

import io.meridian.fedctl.rollout.ClusterProgress;
import io.meridian.fedctl.rollout.WorkloadProgress;
import java.util.List;

/**
 * What {@code apply -o json|yaml} prints: every object written and every rollout followed.
 *
 * @param objects what was applied
 * @param workloads the rollouts, as last seen
 * @param ready whether every rollout is done
 */
record ApplyReport(List<AppliedObject> objects, List<Workload> workloads, boolean ready) {

    /** One object written. */
    record AppliedObject(String object, String namespace, String source, String action) {}

    /** One rollout. */
    record Workload(String object, String namespace, String phase, String summary, List<ClusterProgress> clusters) {}

    static ApplyReport of(List<Applier.Applied> applied, List<WorkloadProgress> states, boolean ready) {
        return new ApplyReport(
                applied.stream()
                        .map(a -> new AppliedObject(
                                a.object().manifest().ref(),
                                a.object().manifest().namespace(),
                                a.object().manifest().source(),
                                a.action()))
                        .toList(),
                states.stream()
                        .map(s -> new Workload(
                                s.target().ref(),
                                s.target().namespace(),
                                s.phase().toString(),
                                s.summary(),
                                s.clusters()))
                        .toList(),
                ready);
    }
}
