package io.meridian.membersync.sync;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * How a syncer is doing, for health endpoints and logs.
 *
 * @param cluster the member cluster
 * @param running whether it has been started and not closed
 * @param worksSynced whether its cache of the cluster's Works is complete (the federation API answered)
 * @param worksWatching whether its watch on the Works is open now
 * @param memberCircuit the member's circuit: CLOSED when calls go through, OPEN while they fail at once
 * @param works Works in the cache
 * @param watchedKinds kinds watched in the member
 */
public record SyncerHealth(
        String cluster,
        boolean running,
        boolean worksSynced,
        boolean worksWatching,
        CircuitBreaker.State memberCircuit,
        int works,
        int watchedKinds) {

    /** Running, in touch with the federation API, and the member's circuit is not open. */
    public boolean healthy() {
        return running && worksSynced && worksWatching && memberCircuit != CircuitBreaker.State.OPEN;
    }
}
