package io.meridian.sandbox.member;

import io.meridian.sandbox.etcd.EtcdRing;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Simulated member clusters for JUnit 5 tests, one per region, on the etcd ring of an {@link EtcdRingExtension}
 * registered before it:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1)
 * static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");
 *
 * @RegisterExtension @Order(2)
 * static MemberClustersExtension members =
 *         MemberClustersExtension.regions("us-east", "eu-west", "ap-south").on(etcd);
 *
 * @Test
 * void something() {
 *     members.cluster("eu-west").fail(FaultMode.DOWN);
 *     ... members.cluster("us-east").apiUrl() ...
 * }
 * }</pre>
 *
 * <p>Without {@link #on}, the extension runs its own one-member etcd ring. Clusters start in parallel (each is a JVM
 * that takes seconds to start) and are all healed after each test, so that a fault one test injects never leaks into
 * the next; the objects tests create stay, so tests should use their own namespaces. In a static field the clusters
 * live for the test class; in an instance field, for each test. API server logs go to
 * {@code target/member-logs/<TestClass>/<cluster>.log}.
 */
public final class MemberClustersExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Map<String, String> regionsByName;
    private EtcdRingExtension etcd;
    private Consumer<SimulatedCluster.Builder> customizer = b -> {};
    private final Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
    private EtcdRing ownRing;
    // As in EtcdRingExtension: only the context that started the clusters stops them (a @Nested class runs the
    // before/after-all callbacks again).
    private String owner;

    private MemberClustersExtension(Map<String, String> regionsByName) {
        if (regionsByName.isEmpty()) {
            throw new IllegalArgumentException("at least one member cluster");
        }
        this.regionsByName = new LinkedHashMap<>(regionsByName);
    }

    /** One cluster per region, named like it. */
    public static MemberClustersExtension regions(String... regions) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String r : regions) {
            if (m.put(r, r) != null) {
                throw new IllegalArgumentException("region " + r + " is listed twice");
            }
        }
        return new MemberClustersExtension(m);
    }

    /** Clusters by name, each in its region, e.g. {@code cluster-a → us-east}, in the map's order. */
    public static MemberClustersExtension named(Map<String, String> regionByClusterName) {
        return new MemberClustersExtension(regionByClusterName);
    }

    /** Runs the clusters on {@code etcd}'s ring; register {@code etcd} with a lower {@code @Order}. */
    public MemberClustersExtension on(EtcdRingExtension etcd) {
        this.etcd = Objects.requireNonNull(etcd);
        return this;
    }

    /** Settings for every cluster, e.g. {@code b -> b.readinessDelay(Duration.ofMillis(200)).nodes(2)}. */
    public MemberClustersExtension configure(Consumer<SimulatedCluster.Builder> customizer) {
        this.customizer = Objects.requireNonNull(customizer);
        return this;
    }

    /** The running cluster called {@code name}. */
    public SimulatedCluster cluster(String name) {
        requireRunning();
        SimulatedCluster c = clusters.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no member cluster " + name + "; there are " + clusters.keySet());
        }
        return c;
    }

    /** Every running cluster, in the order given. */
    public List<SimulatedCluster> clusters() {
        requireRunning();
        return List.copyOf(clusters.values());
    }

    /** Ends every injected fault. */
    public void healAll() {
        clusters.values().forEach(SimulatedCluster::heal);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (Objects.equals(owner, context.getUniqueId())) {
            stop();
        } else {
            healAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (Objects.equals(owner, context.getUniqueId())) {
            stop();
        }
    }

    private void startFor(ExtensionContext context) {
        if (owner != null) {
            return;
        }
        Path logDir = logDirFor(context);
        List<String> endpoints;
        if (etcd != null) {
            endpoints = etcd.endpoints();
        } else {
            ownRing =
                    EtcdRing.builder().members(1).logDir(logDir.resolve("etcd")).start();
            endpoints = ownRing.endpoints();
        }
        owner = context.getUniqueId();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<SimulatedCluster>> starting = new LinkedHashMap<>();
            regionsByName.forEach((name, region) -> starting.put(name, pool.submit(() -> {
                SimulatedCluster.Builder b = SimulatedCluster.builder()
                        .name(name)
                        .region(region)
                        .etcdEndpoints(endpoints)
                        .logDir(logDir);
                customizer.accept(b);
                return b.start();
            })));
            List<Throwable> failures = new ArrayList<>();
            for (Map.Entry<String, Future<SimulatedCluster>> e : starting.entrySet()) {
                try {
                    clusters.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    failures.add(ex.getCause());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    failures.add(ex);
                }
            }
            if (!failures.isEmpty()) {
                IllegalStateException error = new IllegalStateException(
                        "member clusters did not start: " + failures.getFirst().getMessage(), failures.getFirst());
                failures.subList(1, failures.size()).forEach(error::addSuppressed);
                stop();
                throw error;
            }
        }
    }

    private void stop() {
        RuntimeException failure = null;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> closing = new ArrayList<>();
            clusters.values().forEach(c -> closing.add(pool.submit(c::close)));
            for (Future<?> f : closing) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    RuntimeException r =
                            new IllegalStateException("a member cluster did not close cleanly", e.getCause());
                    if (failure == null) {
                        failure = r;
                    } else {
                        failure.addSuppressed(r);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            clusters.clear();
            owner = null;
            if (ownRing != null) {
                ownRing.close();
                ownRing = null;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void requireRunning() {
        if (owner == null) {
            throw new IllegalStateException(
                    "the member clusters run only while the tests of the class that registers this extension run");
        }
    }

    private static Path logDirFor(ExtensionContext context) {
        Path target = Path.of("target").toAbsolutePath();
        Path base = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = base.resolve("member-logs")
                .resolve(context.getRequiredTestClass().getSimpleName());
        return context.getTestMethod().map(m -> dir.resolve(m.getName())).orElse(dir);
    }
}
