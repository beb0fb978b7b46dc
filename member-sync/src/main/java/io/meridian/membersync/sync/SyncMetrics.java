package io.meridian.membersync.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * What a syncer counts, tagged by cluster (and by strategy, outcome or cause), never by object:
 *
 * <ul>
 *   <li>{@code meridian.sync.applies} (strategy, outcome applied|conflict|failed|unavailable)
 *   <li>{@code meridian.sync.apply.latency} (strategy): one manifest, read and write
 *   <li>{@code meridian.sync.conflicts}: objects left alone because they are not Meridian's
 *   <li>{@code meridian.sync.drift.corrections}: writes that undid a change made in the member
 *   <li>{@code meridian.sync.prunes} (cause removed|work-deleted|orphaned): member objects deleted
 * </ul>
 */
final class SyncMetrics {

    private final MeterRegistry meters;
    private final String cluster;
    private final Counter conflicts;
    private final Counter driftCorrections;

    SyncMetrics(MeterRegistry meters, String cluster) {
        this.meters = meters;
        this.cluster = cluster;
        this.conflicts = Counter.builder("meridian.sync.conflicts")
                .description("Objects left alone because they exist in the member and are not Meridian's")
                .tag("cluster", cluster)
                .register(meters);
        this.driftCorrections = Counter.builder("meridian.sync.drift.corrections")
                .description("Writes that undid a change made to a managed object in the member")
                .tag("cluster", cluster)
                .register(meters);
    }

    void applied(String strategy, String outcome, Duration latency) {
        Counter.builder("meridian.sync.applies")
                .description("Manifests written to the member, by outcome")
                .tag("cluster", cluster)
                .tag("strategy", strategy)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
        Timer.builder("meridian.sync.apply.latency")
                .description("Time to apply one manifest (read and write)")
                .tag("cluster", cluster)
                .tag("strategy", strategy)
                .register(meters)
                .record(latency);
    }

    void conflict() {
        conflicts.increment();
    }

    void driftCorrected() {
        driftCorrections.increment();
    }

    void pruned(String cause) {
        Counter.builder("meridian.sync.prunes")
                .description("Member objects deleted because no Work lists them any more")
                .tag("cluster", cluster)
                .tag("cause", cause)
                .register(meters)
                .increment();
    }
}
