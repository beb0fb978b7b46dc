package io.meridian.controller.config;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.controller.cluster.ClusterHealthReconciler;
import io.meridian.reconciler.Controller;
import io.meridian.reconciler.LeaderElection;
import io.meridian.reconciler.ObjectKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;

/**
 * Campaigns for the controller Lease and, while leading, runs the informers and the control
 * loops. A replica that loses the lease exits, so that it restarts clean and never acts on a
 * stale view next to the new leader; a stopped replica releases the lease for an immediate
 * hand-over.
 */
final class ControllerRunner implements SmartLifecycle, ApplicationContextAware {

    private static final Logger log = LoggerFactory.getLogger(ControllerRunner.class);

    private final KubernetesClient client;
    private final ControllerProperties props;
    private final MeterRegistry meters;
    private final Clock clock;
    private final List<AutoCloseable> running = new ArrayList<>();
    private LeaderElection election;
    private ApplicationContext context;
    private volatile boolean started;
    private volatile boolean stopping;

    ControllerRunner(KubernetesClient client, ControllerProperties props, MeterRegistry meters, Clock clock) {
        this.client = client;
        this.props = props;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        String identity = props.identity().isEmpty() ? defaultIdentity() : props.identity();
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

    private synchronized void lead() {
        log.info("Leading: starting informers and controllers");
        SharedIndexInformer<Cluster> clusters = client.resources(Cluster.class).inform();
        SharedIndexInformer<Lease> leases = client.leases()
                .inAnyNamespace()
                .withField("metadata.name", ResourceNames.HEARTBEAT_LEASE)
                .inform();
        running.add(clusters);
        running.add(leases);
        if (enabled("cluster-health")) {
            var ch = props.clusterHealth();
            Controller<ObjectKey> health = Controller.builder(
                            "cluster-health",
                            new ClusterHealthReconciler(
                                    client,
                                    clusters.getStore(),
                                    leases.getStore(),
                                    new ClusterHealthReconciler.Settings(ch.heartbeatGrace(), ch.settle()),
                                    clock))
                    .workers(props.workers())
                    .meters(meters)
                    .build();
            health.watch(
                    clusters, c -> Optional.of(ObjectKey.cluster(c.getMetadata().getName())));
            health.watch(
                    leases,
                    l -> Namespaces.clusterOf(l.getMetadata().getNamespace()).map(ObjectKey::cluster));
            health.start();
            running.add(health);
        }
    }

    private boolean enabled(String name) {
        return !props.disabled().contains(name);
    }

    private void lostLead() {
        if (stopping) {
            return;
        }
        log.error("Lost the controller lease; exiting so that this replica restarts clean");
        Thread.ofPlatform().start(() -> System.exit(SpringApplication.exit(context, () -> 1)));
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.debug("Closing {} failed: {}", running.get(i), e.toString());
            }
        }
        running.clear();
        if (election != null) {
            election.close();
        }
        started = false;
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
