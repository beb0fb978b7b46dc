package io.meridian.sandbox.etcd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real {@link EtcdRing} for JUnit 5 tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");
 *
 * @AfterEach
 * void restoreRing() {
 *     etcd.ensureAllRunning(); // this class's tests kill members
 * }
 *
 * @Test
 * void something(EtcdRing ring) { ... ring.endpoints() ... }
 * }</pre>
 *
 * <p>In a static field the ring starts before the class's first test and is closed after its last; in an instance
 * field every test gets a fresh ring. An {@link EtcdRing} parameter of a test method (or, for a static field, of the
 * test class's constructor) receives the ring.
 *
 * <p>Timings are tuned for fast failover tests: heartbeat 50 ms, election timeout 500 ms, stop timeout 3 s, start
 * timeout 30 s; {@link #configure} changes them. Logs go to {@code target/etcd-logs/<TestClass>[/<testMethod>]} when
 * run from a Maven module, and so outlive the ring for post-mortems.
 */
public final class EtcdRingExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final EtcdRing.Builder builder;
    private EtcdRing ring;
    // The context (class or test) that started the ring, and only it closes it: a @Nested class inherits the
    // extension and runs its own before/after-all callbacks, which must neither start a second ring nor close this one.
    private String owner;

    private EtcdRingExtension(List<String> regions) {
        this.builder = EtcdRing.builder()
                .regions(regions)
                .heartbeatInterval(Duration.ofMillis(50))
                .electionTimeout(Duration.ofMillis(500))
                .stopTimeout(Duration.ofSeconds(3));
    }

    /** A ring with one member per region, named like it. */
    public static EtcdRingExtension regions(String... regions) {
        return new EtcdRingExtension(List.of(regions));
    }

    /** Changes the ring's settings before it starts, e.g. {@code b -> b.electionTimeout(Duration.ofSeconds(1))}. */
    public EtcdRingExtension configure(Consumer<EtcdRing.Builder> customizer) {
        customizer.accept(builder);
        return this;
    }

    /**
     * The running ring.
     *
     * @throws IllegalStateException outside the tests of the class that registers this extension
     */
    public EtcdRing ring() {
        if (ring == null) {
            throw new IllegalStateException(
                    "the etcd ring runs only while the tests of the class that registers" + " this extension run");
        }
        return ring;
    }

    /** The ring's client URLs, one per member. */
    public List<String> endpoints() {
        return ring().endpoints();
    }

    /** Restarts any member a test stopped or killed and waits until the whole ring is healthy again. */
    public void ensureAllRunning() {
        ring().ensureAllRunning();
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
        closeFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeFor(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EtcdRing.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ring();
    }

    private void startFor(ExtensionContext context) {
        if (ring != null) {
            return;
        }
        ring = builder.start(logDirFor(context));
        owner = context.getUniqueId();
    }

    private void closeFor(ExtensionContext context) {
        if (ring != null && Objects.equals(owner, context.getUniqueId())) {
            try {
                ring.close();
            } finally {
                ring = null;
                owner = null;
            }
        }
    }

    private static Path logDirFor(ExtensionContext context) {
        Path target = Path.of("target").toAbsolutePath();
        if (!Files.isDirectory(target)) {
            return null;
        }
        Path dir = target.resolve("etcd-logs")
                .resolve(context.getRequiredTestClass().getSimpleName());
        return context.getTestMethod().map(m -> dir.resolve(m.getName())).orElse(dir);
    }
}
