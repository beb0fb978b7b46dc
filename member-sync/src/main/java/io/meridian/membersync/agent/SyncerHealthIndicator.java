package io.meridian.membersync.agent;

import io.meridian.membersync.sync.ClusterSyncer;
import io.meridian.membersync.sync.SyncerHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The syncer as actuator health ({@code syncer}): UP while it runs, its Work watch on the federation
 * API is open and the member's circuit is not open; DOWN otherwise, with the details that say which.
 */
final class SyncerHealthIndicator implements HealthIndicator {

    private final ClusterSyncer syncer;

    SyncerHealthIndicator(ClusterSyncer syncer) {
        this.syncer = syncer;
    }

    @Override
    public Health health() {
        SyncerHealth h = syncer.health();
        Health.Builder builder = h.healthy() ? Health.up() : Health.down();
        return builder.withDetail("cluster", h.cluster())
                .withDetail("running", h.running())
                .withDetail("worksSynced", h.worksSynced())
                .withDetail("worksWatching", h.worksWatching())
                .withDetail("memberCircuit", h.memberCircuit().name())
                .withDetail("works", h.works())
                .withDetail("watchedKinds", h.watchedKinds())
                .build();
    }
}
