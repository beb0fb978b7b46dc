package io.meridian.fedctl.rollout;

import java.util.List;

/**
 * A federated object's rollout at one moment.
 *
 * @param target the object
 * @param phase where it stands
 * @param summary one phrase: what it waits for, or how far it got
 * @param clusters per target cluster, sorted by name
 */
public record WorkloadProgress(Target target, Phase phase, String summary, List<ClusterProgress> clusters) {

    public WorkloadProgress {
        clusters = List.copyOf(clusters);
    }

    public boolean ready() {
        return phase == Phase.READY;
    }
}
