package io.meridian.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leader among the replicas of a component, by a coordination.k8s.io Lease in the federation
 * API, through fabric8's leader elector. The leader runs {@code onStartedLeading}; losing the lease
 * runs {@code onStoppedLeading}, after which the process should stop acting (the controller app
 * exits, so that it restarts clean). A replica that dies simply stops renewing; another takes over
 * once the lease expires.
 *
 * <p>The holder written into the Lease is the replica's identity plus a suffix of this process
 * alone, as client-go's {@code hostname_uuid}. fabric8's elector starts leading as soon as it
 * <em>reads</em> a Lease naming it, before it has written anything; a replica restarted under its
 * old name would therefore lead on its predecessor's record while another replica, finding that
 * record expired, takes the Lease over — two leaders until the next renewal. With a fresh suffix
 * a restarted replica waits, like any other, for the old record to expire.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    /** Lease timings: client-go's defaults (15 s lease, 10 s renew deadline, 2 s retry). */
    public record Timings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        public static final Timings DEFAULT =
                new Timings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String lease;
    private final String identity;
    private final String holder;
    private final Timings timings;
    private final Runnable onStartedLeading;
    private final Runnable onStoppedLeading;
    private final AtomicBoolean leading = new AtomicBoolean();
    private volatile String leader;
    private CompletableFuture<?> running;

    public LeaderElection(
            KubernetesClient client,
            String namespace,
            String lease,
            String identity,
            Timings timings,
            Runnable onStartedLeading,
            Runnable onStoppedLeading) {
        this.client = client;
        this.namespace = namespace;
        this.lease = lease;
        this.identity = identity;
        this.holder = identity + "_" + HexFormat.of().toHexDigits(new SecureRandom().nextInt());
        this.timings = timings;
        this.onStartedLeading = onStartedLeading;
        this.onStoppedLeading = onStoppedLeading;
    }

    public synchronized void start() {
        if (running != null) {
            return;
        }
        running = client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(lease)
                        .withLock(new LeaseLock(namespace, lease, holder))
                        .withLeaseDuration(timings.leaseDuration())
                        .withRenewDeadline(timings.renewDeadline())
                        .withRetryPeriod(timings.retryPeriod())
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(
                                () -> {
                                    leading.set(true);
                                    log.info("{} is now the leader of {}/{}", identity, namespace, lease);
                                    onStartedLeading.run();
                                },
                                () -> {
                                    if (leading.getAndSet(false)) {
                                        log.info("{} stopped leading {}/{}", identity, namespace, lease);
                                        onStoppedLeading.run();
                                    }
                                },
                                newLeader -> leader = newLeader))
                        .build())
                .build()
                .start();
    }

    public boolean isLeader() {
        return leading.get();
    }

    /** The holder currently named in the lease ({@code <identity>_<suffix>}), as last observed. */
    public String leader() {
        return leader;
    }

    public String identity() {
        return identity;
    }

    /** What this replica writes into the Lease as its holder identity. */
    public String holderIdentity() {
        return holder;
    }

    /** Stops campaigning and, if leading, releases the lease so that another replica takes over at once. */
    @Override
    public synchronized void close() {
        if (running != null) {
            running.cancel(true);
            running = null;
        }
    }
}
