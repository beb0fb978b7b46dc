package io.meridian.membersync.sync;

import io.meridian.membersync.heartbeat.ClusterHeartbeat;
import io.meridian.membersync.resilience.MemberGuard;
import io.meridian.reconciler.WorkQueue;
import java.time.Duration;

/**
 * How a syncer runs.
 *
 * @param workers Works reconciled at once for one cluster
 * @param workResync how often every Work is reconciled again without an event (drift a watch missed)
 * @param queue retry backoff of failed reconciles; the cap is short, so that a member that comes
 *     back is caught up within it
 * @param guard the member's time limiter, bulkhead and circuit breaker
 * @param heartbeat the heartbeat Lease and Cluster status
 * @param memberRequestTimeout the member client's request timeout (push mode builds the client)
 * @param cleanupPoll how often a deleted Work checks that its member objects are gone
 * @param conflictRecheck how often a Work with conflicts looks again (the unmanaged object that
 *     blocks it sends no event)
 */
public record SyncSettings(
        int workers,
        Duration workResync,
        WorkQueue.Settings queue,
        MemberGuard.Settings guard,
        ClusterHeartbeat.Settings heartbeat,
        Duration memberRequestTimeout,
        Duration cleanupPoll,
        Duration conflictRecheck) {

    public static final SyncSettings DEFAULT = new SyncSettings(
            2,
            Duration.ofMinutes(5),
            new WorkQueue.Settings(Duration.ofMillis(50), Duration.ofSeconds(30), 10, 100),
            MemberGuard.Settings.DEFAULT,
            ClusterHeartbeat.Settings.DEFAULT,
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30));

    public SyncSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("a syncer needs at least one worker");
        }
    }

    public SyncSettings withWorkers(int value) {
        return new SyncSettings(
                value, workResync, queue, guard, heartbeat, memberRequestTimeout, cleanupPoll, conflictRecheck);
    }

    public SyncSettings withWorkResync(Duration value) {
        return new SyncSettings(
                workers, value, queue, guard, heartbeat, memberRequestTimeout, cleanupPoll, conflictRecheck);
    }

    public SyncSettings withQueue(WorkQueue.Settings value) {
        return new SyncSettings(
                workers, workResync, value, guard, heartbeat, memberRequestTimeout, cleanupPoll, conflictRecheck);
    }

    public SyncSettings withGuard(MemberGuard.Settings value) {
        return new SyncSettings(
                workers, workResync, queue, value, heartbeat, memberRequestTimeout, cleanupPoll, conflictRecheck);
    }

    public SyncSettings withHeartbeat(ClusterHeartbeat.Settings value) {
        return new SyncSettings(
                workers, workResync, queue, guard, value, memberRequestTimeout, cleanupPoll, conflictRecheck);
    }

    public SyncSettings withMemberRequestTimeout(Duration value) {
        return new SyncSettings(workers, workResync, queue, guard, heartbeat, value, cleanupPoll, conflictRecheck);
    }

    public SyncSettings withCleanupPoll(Duration value) {
        return new SyncSettings(
                workers, workResync, queue, guard, heartbeat, memberRequestTimeout, value, conflictRecheck);
    }

    public SyncSettings withConflictRecheck(Duration value) {
        return new SyncSettings(workers, workResync, queue, guard, heartbeat, memberRequestTimeout, cleanupPoll, value);
    }
}
