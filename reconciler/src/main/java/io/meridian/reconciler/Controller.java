package io.meridian.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one {@link Reconciler}: informer events only enqueue keys, workers take keys from the
 * {@link WorkQueue} and reconcile them; failures come back with per-key backoff, results may ask
 * for a later look. This is the contract of sample-controller and controller-runtime.
 *
 * @param <K> the key type
 */
public final class Controller<K> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Controller.class);

    private final String name;
    private final Reconciler<K> reconciler;
    private final WorkQueue<K> queue;
    private final int workers;
    private final List<Thread> threads = new ArrayList<>();
    private final Timer.Builder timer;
    private final MeterRegistry meters;
    private volatile boolean running;

    private Controller(Builder<K> b) {
        this.name = b.name;
        this.reconciler = b.reconciler;
        this.queue = new WorkQueue<>(b.settings);
        this.workers = b.workers;
        this.meters = b.meters;
        this.timer = Timer.builder("meridian.reconcile")
                .description("Time spent in one reconcile")
                .tag("controller", name);
        Gauge.builder("meridian.workqueue.depth", queue, WorkQueue::depth)
                .description("Keys waiting to be reconciled")
                .tag("controller", name)
                .register(meters);
    }

    public static <K> Builder<K> builder(String name, Reconciler<K> reconciler) {
        return new Builder<>(name, reconciler);
    }

    public String name() {
        return name;
    }

    public void enqueue(K key) {
        queue.add(key);
    }

    public void enqueueAfter(K key, Duration delay) {
        queue.addAfter(key, delay);
    }

    /** Enqueues the key {@code keyOf} maps each event's object to (none when it maps to empty). */
    public <T extends HasMetadata> void watch(SharedIndexInformer<T> informer, Function<T, Optional<K>> keyOf) {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                keyOf.apply(obj).ifPresent(queue::add);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                keyOf.apply(newObj).ifPresent(queue::add);
                if (oldObj != null) {
                    keyOf.apply(oldObj).ifPresent(queue::add);
                }
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                keyOf.apply(obj).ifPresent(queue::add);
            }
        });
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofVirtual().name("reconcile-" + name + "-" + i).start(this::work));
        }
        log.info("Controller {} started with {} workers", name, workers);
    }

    private void work() {
        while (running) {
            K key;
            try {
                key = queue.take(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (key == null) {
                continue;
            }
            Timer.Sample sample = Timer.start(meters);
            String outcome = "success";
            MDC.put("controller", name);
            MDC.put("key", key.toString());
            try {
                Result result = reconciler.reconcile(key);
                queue.forget(key);
                if (result != null && result.requeueAfter() != null) {
                    queue.addAfter(key, result.requeueAfter());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                outcome = "error";
                int failures = queue.failures(key) + 1;
                // The first failures are routine (conflicts, a member briefly away): debug. A key
                // that keeps failing deserves a warning, once in a while.
                if (failures >= 5 && Integer.bitCount(failures) == 1) {
                    log.warn("Reconciling {} failed {} times in a row: {}", key, failures, e.toString());
                } else {
                    log.debug("Reconciling {} failed: {}", key, e.toString());
                }
                queue.addRateLimited(key);
            } finally {
                MDC.remove("controller");
                MDC.remove("key");
                queue.done(key);
                sample.stop(timer.tag("outcome", outcome).register(meters));
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        queue.shutdown();
        for (Thread t : threads) {
            t.interrupt();
        }
        threads.clear();
    }

    /** How to build a controller. */
    public static final class Builder<K> {
        private final String name;
        private final Reconciler<K> reconciler;
        private int workers = 2;
        private WorkQueue.Settings settings = WorkQueue.Settings.DEFAULT;
        private MeterRegistry meters = new SimpleMeterRegistry();

        private Builder(String name, Reconciler<K> reconciler) {
            this.name = name;
            this.reconciler = reconciler;
        }

        public Builder<K> workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder<K> queueSettings(WorkQueue.Settings settings) {
            this.settings = settings;
            return this;
        }

        public Builder<K> meters(MeterRegistry meters) {
            this.meters = meters;
            return this;
        }

        public Controller<K> build() {
            return new Controller<>(this);
        }
    }
}
