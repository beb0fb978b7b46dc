package io.meridian.sandbox.etcd;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real etcd cluster on loopback, one member per region, for tests and the local sandbox.
 *
 * <h2>Usage</h2>
 *
 * <pre>{@code
 * try (EtcdRing ring = EtcdRing.builder()
 *         .regions("us-east", "eu-west", "ap-south")
 *         .heartbeatInterval(Duration.ofMillis(50))
 *         .electionTimeout(Duration.ofMillis(500))
 *         .start()) {
 *     List<String> endpoints = ring.endpoints();          // http://127.0.0.1:PORT, one per member
 *     EtcdMember leader = ring.leader().orElseThrow();
 *     leader.kill();                                      // SIGKILL, as a lost datacenter
 *     leader.restart();                                   // same data dir, --initial-cluster-state existing
 * }                                                       // kills every member, deletes the temporary data
 * }</pre>
 *
 * In JUnit 5 tests use {@link EtcdRingExtension}, which also tunes the timings down for speed.
 *
 * <h2>What it does</h2>
 *
 * <ul>
 *   <li>Finds {@code etcd} (3.4, from Debian's {@code etcd-server}) through the system property {@code
 *       meridian.etcd.bin}, the environment variable {@code MERIDIAN_ETCD_BIN} or the {@code PATH}, in that order, and
 *       fails at once with install instructions if there is none.
 *   <li>Gives every member a client and a peer port from {@link FreePorts}, a data directory {@code
 *       <root>/data/<name>} and a log file {@code <logDir>/<name>.log} (stdout and stderr; {@code <root>/logs} unless
 *       {@link Builder#logDir} says otherwise).
 *   <li>{@link #start()} launches all members at once with {@code --initial-cluster-state new} and a unique cluster
 *       token, and returns when every member answers {@code /health} with {@code {"health":"true"}}, or throws with
 *       the end of the failing member's log when the start timeout passes.
 *   <li>Without {@link Builder#dataRoot}, the data lives in a temporary directory that {@link #close()} deletes. With
 *       one (the sandbox), the ring's ports and token are written to {@code <root>/ring.properties}, so that a later
 *       ring on the same root gets the same member URLs and resumes with its data; {@code close()} then stops the
 *       members gracefully and keeps everything.
 *   <li>A JVM shutdown hook closes every ring that is still open, so an aborted test run leaves no etcd behind (a JVM
 *       killed with SIGKILL runs no hook: its etcd processes stay until killed by hand).
 * </ul>
 *
 * <p>The builder's timing defaults are etcd's own (heartbeat 100 ms, election timeout 1 s). For a WAN-like ring raise
 * both, keeping the election timeout at least five heartbeats, e.g. 250 ms and 2.5 s for 100 ms round trips.
 *
 * <p>Not thread-safe for concurrent lifecycle calls on the same ring; members may be stopped and restarted from any
 * thread.
 */
public final class EtcdRing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EtcdRing.class);
    private static final Pattern MEMBER_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final String RING_FILE = "ring.properties";
    private static final Set<EtcdRing> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private final Settings settings;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, EtcdMember> members = new LinkedHashMap<>();
    private EtcdHttp http;
    private volatile boolean started;
    private Path binary;
    private Path root;
    private boolean temporaryRoot;
    private String clusterToken;
    private String initialCluster;

    private EtcdRing(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Launches every member and waits until each one is healthy.
     *
     * @return this ring, started
     * @throws EtcdRingException if etcd is missing, a member exits, or the ring is not healthy within the start
     *     timeout; everything launched so far is then killed
     * @throws IllegalStateException if the ring was started or closed before
     */
    public synchronized EtcdRing start() {
        if (started || closed.get()) {
            throw new IllegalStateException("an EtcdRing starts once; build a new one");
        }
        binary = settings.binary() != null
                ? EtcdBinary.explicit(settings.binary().toString(), "etcdBinary(...)")
                : EtcdBinary.resolve();
        http = new EtcdHttp();
        started = true;
        register(this);
        try {
            layOut();
            for (EtcdMember member : members.values()) {
                member.launch(hasData(member) ? "existing" : "new");
            }
            awaitHealthy();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("etcd ring {} healthy: {}", clusterToken, endpoints());
        return this;
    }

    /** The client URLs of all members, in region order, e.g. {@code [http://127.0.0.1:23791, ...]}. */
    public List<String> endpoints() {
        return members().stream().map(EtcdMember::clientUrl).toList();
    }

    /**
     * The member of the region {@code name}.
     *
     * @throws IllegalArgumentException if the ring has no such member
     */
    public EtcdMember member(String name) {
        ensureStarted();
        EtcdMember member = members.get(name);
        if (member == null) {
            throw new IllegalArgumentException(
                    "no etcd member '" + name + "' in this ring; members are " + members.keySet());
        }
        return member;
    }

    /** All members, in region order, running or not. */
    public List<EtcdMember> members() {
        ensureStarted();
        return List.copyOf(members.values());
    }

    /** The running member that sees itself as leader, if any (none while the ring has no quorum). */
    public Optional<EtcdMember> leader() {
        return members().stream().filter(EtcdMember::isLeader).findFirst();
    }

    /**
     * Waits up to the start timeout until every member is healthy.
     *
     * @throws EtcdRingException if a member is not running, or is not healthy in time
     */
    public void awaitHealthy() {
        EtcdMember.Deadline deadline = new EtcdMember.Deadline(settings.startTimeout());
        for (EtcdMember member : members()) {
            member.awaitHealthy(deadline);
        }
    }

    /**
     * Restarts every member that is not running (all at once, with {@code --initial-cluster-state existing}) and waits
     * until the whole ring is healthy: a test that killed members calls this so the next test starts clean.
     */
    public synchronized void ensureAllRunning() {
        ensureStarted();
        for (EtcdMember member : members.values()) {
            synchronized (member) {
                if (!member.isRunning()) {
                    member.launch("existing");
                }
            }
        }
        awaitHealthy();
    }

    /** The number of members that form a majority of this ring. */
    public int quorum() {
        return settings.regions().size() / 2 + 1;
    }

    /** The directory holding {@code data/<member>} (and the logs, unless they go elsewhere). */
    public Path dataRoot() {
        ensureStarted();
        return root;
    }

    /** The {@code --initial-cluster-token}, unique to this ring unless it resumed from a data root. */
    public String clusterToken() {
        ensureStarted();
        return clusterToken;
    }

    /**
     * Kills (or, for a ring on a given data root, stops) every member and deletes the temporary data directory.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (temporaryRoot) {
                awaitExit(members.values().stream().map(EtcdMember::destroyNow).toList());
            } else {
                // A leader told to stop first hands its leadership to a follower, and waits for that follower even
                // while it is stopping too; followers first, then the leader, stops without that wait.
                Optional<EtcdMember> leader = http == null ? Optional.empty() : leader();
                awaitExit(members.values().stream()
                        .filter(member -> leader.orElse(null) != member)
                        .map(EtcdMember::terminateNow)
                        .toList());
                awaitExit(leader.stream().map(EtcdMember::terminateNow).toList());
            }
            if (temporaryRoot && root != null) {
                deleteRecursively(root);
            }
        } finally {
            if (http != null) {
                http.close();
            }
            OPEN.remove(this);
        }
        if (clusterToken != null) {
            log.info("etcd ring {} closed", clusterToken);
        }
    }

    private void awaitExit(List<Process> processes) {
        for (Process process : processes) {
            if (process != null && !EtcdMember.awaitExit(process, settings.stopTimeout())) {
                process.destroyForcibly();
                EtcdMember.awaitExit(process, settings.stopTimeout());
            }
        }
    }

    // ---- package-private, for EtcdMember

    EtcdHttp http() {
        return http;
    }

    Duration startTimeout() {
        return settings.startTimeout();
    }

    Duration stopTimeout() {
        return settings.stopTimeout();
    }

    boolean isClosed() {
        return closed.get();
    }

    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("etcd ring is closed");
        }
    }

    int runningCount() {
        return (int) members.values().stream().filter(EtcdMember::isRunning).count();
    }

    List<String> command(EtcdMember member, String clusterState) {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--name=" + member.name(),
                "--data-dir=" + member.dataDir(),
                "--listen-client-urls=" + member.clientUrl(),
                "--advertise-client-urls=" + member.clientUrl(),
                "--listen-peer-urls=" + member.peerUrl(),
                "--initial-advertise-peer-urls=" + member.peerUrl(),
                "--initial-cluster=" + initialCluster,
                "--initial-cluster-token=" + clusterToken,
                "--initial-cluster-state=" + clusterState,
                "--heartbeat-interval=" + settings.heartbeatInterval().toMillis(),
                "--election-timeout=" + settings.electionTimeout().toMillis(),
                // zap: etcd 3.4's default logger (capnslog) is deprecated and says so at every start.
                "--logger=zap",
                "--log-outputs=stderr"));
        if (settings.autoCompactionRetention() != null) {
            command.add("--auto-compaction-mode=periodic");
            command.add("--auto-compaction-retention="
                    + settings.autoCompactionRetention().toMillis() + "ms");
        }
        return command;
    }

    // ---- layout

    private void layOut() {
        try {
            if (settings.dataRoot() == null) {
                root = Files.createTempDirectory("meridian-etcd-");
                temporaryRoot = true;
            } else {
                root = settings.dataRoot().toAbsolutePath();
                Files.createDirectories(root);
            }
            Path logDir = settings.logDir() != null ? settings.logDir().toAbsolutePath() : root.resolve("logs");
            Files.createDirectories(logDir);
            Files.createDirectories(root.resolve("data"));

            Map<String, int[]> ports = temporaryRoot ? null : recordedPorts();
            if (ports == null) {
                ports = new LinkedHashMap<>();
                for (String region : settings.regions()) {
                    if (Files.exists(root.resolve("data").resolve(region))) {
                        throw new EtcdRingException("data root " + root + " holds data for member " + region
                                + " but no " + RING_FILE + " to say on which ports it ran; use an empty data root");
                    }
                    ports.put(region, new int[] {FreePorts.next(), FreePorts.next()});
                }
                clusterToken = "meridian-" + UUID.randomUUID().toString().substring(0, 8);
                if (!temporaryRoot) {
                    recordPorts(ports);
                }
            }
            for (String region : settings.regions()) {
                int[] pair = ports.get(region);
                members.put(
                        region,
                        new EtcdMember(
                                this,
                                region,
                                pair[0],
                                pair[1],
                                root.resolve("data").resolve(region),
                                logDir.resolve(region + ".log")));
            }
            initialCluster = members.values().stream()
                    .map(member -> member.name() + "=" + member.peerUrl())
                    .collect(Collectors.joining(","));
        } catch (IOException e) {
            throw new EtcdRingException("cannot prepare the etcd ring's directories under " + root, e);
        }
    }

    /** The ports a previous ring on this data root used: its members' URLs are in their data and cannot change. */
    private Map<String, int[]> recordedPorts() throws IOException {
        Path file = root.resolve(RING_FILE);
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        List<String> recordedMembers =
                List.of(properties.getProperty("members", "").split(","));
        if (!recordedMembers.equals(settings.regions())) {
            throw new EtcdRingException("data root " + root + " holds a ring of " + recordedMembers + ", not "
                    + settings.regions() + "; use another data root, or delete this one to start afresh");
        }
        clusterToken = properties.getProperty("token");
        Map<String, int[]> ports = new LinkedHashMap<>();
        for (String region : recordedMembers) {
            int client = Integer.parseInt(properties.getProperty(region + ".client-port"));
            int peer = Integer.parseInt(properties.getProperty(region + ".peer-port"));
            for (int port : new int[] {client, peer}) {
                if (!FreePorts.isFree(port)) {
                    throw new EtcdRingException("port " + port + " of etcd member " + region + " (recorded in " + file
                            + ") is in use: is this ring already running?");
                }
                FreePorts.reserve(port);
            }
            ports.put(region, new int[] {client, peer});
        }
        return ports;
    }

    private void recordPorts(Map<String, int[]> ports) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("members", String.join(",", ports.keySet()));
        properties.setProperty("token", clusterToken);
        ports.forEach((region, pair) -> {
            properties.setProperty(region + ".client-port", Integer.toString(pair[0]));
            properties.setProperty(region + ".peer-port", Integer.toString(pair[1]));
        });
        try (Writer writer = Files.newBufferedWriter(root.resolve(RING_FILE))) {
            properties.store(writer, "etcd ring launched by meridian-sandbox; its members' URLs are in their data");
        }
    }

    private static boolean hasData(EtcdMember member) {
        return Files.isDirectory(member.dataDir().resolve("member").resolve("wal"));
    }

    private void ensureStarted() {
        if (!started) {
            throw new IllegalStateException("etcd ring not started: call start() first");
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the etcd ring's temporary directory " + dir, e);
        }
    }

    private static void register(EtcdRing ring) {
        OPEN.add(ring);
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                for (EtcdRing open : List.copyOf(OPEN)) {
                                    try {
                                        open.close();
                                    } catch (RuntimeException e) {
                                        // Carry on: the other rings must not be left running either.
                                        System.err.println("could not close etcd ring: " + e);
                                    }
                                }
                            },
                            "etcd-ring-shutdown"));
        }
    }

    // ---- configuration

    private record Settings(
            List<String> regions,
            Path dataRoot,
            Path logDir,
            Duration heartbeatInterval,
            Duration electionTimeout,
            Duration autoCompactionRetention,
            Duration startTimeout,
            Duration stopTimeout,
            Path binary) {}

    /** Configures an {@link EtcdRing}; every setting has a default except the regions. */
    public static final class Builder {

        private List<String> regions = List.of();
        private Path dataRoot;
        private Path logDir;
        private Duration heartbeatInterval = Duration.ofMillis(100);
        private Duration electionTimeout = Duration.ofSeconds(1);
        private Duration autoCompactionRetention;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(5);
        private Path binary;

        private Builder() {}

        /** One member per region, named like it: lower-case letters, digits and dashes, e.g. {@code us-east}. */
        public Builder regions(String... regions) {
            return regions(List.of(regions));
        }

        public Builder regions(List<String> regions) {
            this.regions = List.copyOf(regions);
            return this;
        }

        /** {@code count} members named {@code region-1} … {@code region-<count>}. */
        public Builder members(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("an etcd ring needs at least one member, not " + count);
            }
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                names.add("region-" + i);
            }
            return regions(names);
        }

        /**
         * Keep the data under {@code dataRoot} instead of a temporary directory deleted on close: a later ring on the
         * same root resumes with the same ports and data.
         */
        public Builder dataRoot(Path dataRoot) {
            this.dataRoot = dataRoot;
            return this;
        }

        /** Where the members' logs go ({@code <name>.log}); default {@code <dataRoot>/logs}. */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /** etcd's {@code --heartbeat-interval}; default 100 ms. Roughly the round trip between members. */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /** etcd's {@code --election-timeout}; default 1 s. At least five heartbeats, at most 50 s. */
        public Builder electionTimeout(Duration electionTimeout) {
            this.electionTimeout = electionTimeout;
            return this;
        }

        /** Periodic compaction keeping this much history; default none (etcd keeps every revision). */
        public Builder autoCompactionRetention(Duration retention) {
            this.autoCompactionRetention = retention;
            return this;
        }

        /** How long {@link #start()}, {@link EtcdMember#restart()} and the other waits may take; default 30 s. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** How long {@link EtcdMember#stop()} waits after SIGTERM before SIGKILL; default 5 s. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /** The etcd executable to run, overriding the property, environment variable and PATH. */
        public Builder etcdBinary(Path binary) {
            this.binary = binary;
            return this;
        }

        /** A ring with these settings, not started yet. */
        public EtcdRing build() {
            return new EtcdRing(validated(logDir));
        }

        /** Starts a ring that logs to {@code fallbackLogDir} unless {@link #logDir} was set. */
        EtcdRing start(Path fallbackLogDir) {
            return new EtcdRing(validated(logDir != null ? logDir : fallbackLogDir)).start();
        }

        /** Builds the ring and {@link EtcdRing#start() starts} it. */
        public EtcdRing start() {
            return build().start();
        }

        private Settings validated(Path logDir) {
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("an etcd ring needs at least one region");
            }
            Set<String> unique = new LinkedHashSet<>();
            for (String region : regions) {
                if (region == null || !MEMBER_NAME.matcher(region).matches()) {
                    throw new IllegalArgumentException("etcd member name '" + region
                            + "' must be lower-case letters, digits and dashes, e.g. us-east");
                }
                if (!unique.add(region)) {
                    throw new IllegalArgumentException("region " + region + " is listed twice");
                }
            }
            requirePositive("heartbeatInterval", heartbeatInterval);
            requirePositive("electionTimeout", electionTimeout);
            requirePositive("startTimeout", startTimeout);
            requirePositive("stopTimeout", stopTimeout);
            if (heartbeatInterval.toMillis() < 1) {
                throw new IllegalArgumentException("heartbeatInterval must be at least 1 ms, not " + heartbeatInterval);
            }
            // etcd itself refuses to start otherwise; saying so here beats reading three logs.
            if (electionTimeout.toMillis() < 5 * heartbeatInterval.toMillis()) {
                throw new IllegalArgumentException("electionTimeout (" + electionTimeout
                        + ") must be at least five times heartbeatInterval (" + heartbeatInterval + ")");
            }
            if (electionTimeout.toMillis() > 50_000) {
                throw new IllegalArgumentException("electionTimeout must be at most 50 s, not " + electionTimeout);
            }
            if (autoCompactionRetention != null) {
                requirePositive("autoCompactionRetention", autoCompactionRetention);
            }
            return new Settings(
                    regions,
                    dataRoot,
                    logDir,
                    heartbeatInterval,
                    electionTimeout,
                    autoCompactionRetention,
                    startTimeout,
                    stopTimeout,
                    binary);
        }

        private static void requirePositive(String what, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be a positive duration, not " + value);
            }
        }
    }
}
