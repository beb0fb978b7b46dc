package io.meridian.controller.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.reconciler.LeaderElection;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Campaigns for the controller Lease and, while leading, runs the informers and the control loops
 * ({@link ControlLoops}). Losing the lease stops them and calls {@code onLostLead}: in the
 * application that exits the process, so that it restarts clean and never acts on a stale view next
 * to the new leader. A stopped replica releases the lease for an immediate hand-over.
 */
public final class ControllerRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControllerRunner.class);

    private final KubernetesClient client;
    private final ControllerProperties props;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Runnable onLostLead;
    private final String identity;
    private LeaderElection election;
    private ControlLoops loops;
    private volatile boolean started;
    private boolean leading;
    private volatile boolean stopping;

    /**
     * @param onLostLead called, after the control loops stopped, when this replica loses the lease
     *     while running (not when it is stopped)
     * @throws IllegalArgumentException if the properties name unknown controllers
     */
    public ControllerRunner(
            KubernetesClient client,
            ControllerProperties props,
            MeterRegistry meters,
            Clock clock,
            Runnable onLostLead) {
        ControlLoops.validate(props.disabled());
        this.client = client;
        this.props = props;
        this.meters = meters;
        this.clock = clock;
        this.onLostLead = onLostLead;
        this.identity = props.identity().isEmpty() ? defaultIdentity() : props.identity();
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        stopping = false;
        var le = props.leaderElection();
        election = new LeaderElection(
                client,
                Namespaces.SYSTEM,
                ResourceNames.CONTROLLER_LEASE,
                identity,
                new LeaderElection.Timings(le.leaseDuration(), le.renewDeadline(), le.retryPeriod()),
                this::lead,
                this::lostLead);
        election.start();
        started = true;
    }

    /**
     * Called on the elector's thread, which also renews the lease: the informers fill on another
     * thread, so that a slow start never lets the lease lapse (and another replica lead beside this one).
     */
    private synchronized void lead() {
        if (stopping) {
            return;
        }
        leading = true;
        log.info("{} leads: starting informers and controllers", identity);
        Thread.ofPlatform().name("control-loops-start").daemon().start(this::startLoops);
    }

    private void startLoops() {
        ControlLoops started;
        try {
            started = ControlLoops.start(client, props, meters, clock, identity);
        } catch (RuntimeException e) {
            log.error("{} could not start its control loops: {}", identity, e.toString());
            if (!stopping) {
                onLostLead.run();
            }
            return;
        }
        synchronized (this) {
            if (leading && !stopping) {
                loops = started;
                return;
            }
        }
        started.close();
    }

    private void lostLead() {
        synchronized (this) {
            leading = false;
        }
        if (stopping) {
            return;
        }
        log.error("{} lost the controller lease; its control loops stop", identity);
        stopLoops();
        onLostLead.run();
    }

    private synchronized void stopLoops() {
        if (loops != null) {
            loops.close();
            loops = null;
        }
    }

    /** Whether this replica holds the lease. */
    public boolean isLeader() {
        return election != null && election.isLeader();
    }

    /** This replica's identity in the election. */
    public String identity() {
        return identity;
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (this) {
            leading = false;
        }
        stopLoops();
        synchronized (this) {
            if (election != null) {
                election.close();
                election = null;
            }
            started = false;
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    private static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "controller";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
