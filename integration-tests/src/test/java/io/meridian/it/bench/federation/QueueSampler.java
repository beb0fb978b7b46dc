package io.meridian.it.bench.federation;

import java.util.Map;
import java.util.TreeMap;

/**
 * Scrapes the controller's work-queue depths every second while a workload runs and keeps the deepest seen per
 * controller (the syncers' queues summed as {@code work-sync (all clusters)}): which queue backs up says where the time
 * goes.
 */
final class QueueSampler implements AutoCloseable {

    private final TestFederation federation;
    private final Map<String, Double> deepest = new TreeMap<>();
    private final Thread thread;
    private volatile boolean closed;

    QueueSampler(TestFederation federation) {
        this.federation = federation;
        this.thread = Thread.ofVirtual().name("queue-sampler").start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                Map<String, Double> depths = depths(federation.controllerMetrics());
                synchronized (deepest) {
                    depths.forEach((k, v) -> deepest.merge(k, v, Math::max));
                }
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the controller may be restarting; the next scrape will tell
            }
        }
    }

    /** Depth per controller, the syncers' summed. */
    static Map<String, Double> depths(Metrics m) {
        Map<String, Double> out = new TreeMap<>();
        m.by("meridian_workqueue_depth", "controller")
                .forEach((k, v) ->
                        out.merge(k.startsWith("work-sync-") ? "work-sync (all clusters)" : k, v, Double::sum));
        return out;
    }

    Map<String, Double> deepest() {
        synchronized (deepest) {
            return new TreeMap<>(deepest);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
