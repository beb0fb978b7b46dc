package io.meridian.sandbox.etcd;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One etcd process of an {@link EtcdRing}, named after its region. Its ports, data directory and log file stay the
 * same across {@link #stop()}, {@link #kill()} and {@link #restart()}, as they would for a real member in a
 * datacenter.
 */
public final class EtcdMember {

    private static final Logger log = LoggerFactory.getLogger(EtcdMember.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    private static final int LOG_TAIL_BYTES = 16 * 1024;

    private final EtcdRing ring;
    private final String name;
    private final int clientPort;
    private final int peerPort;
    private final Path dataDir;
    private final Path logFile;
    // Read without the lock by isRunning(), the shutdown hook and close(), which must never wait for a restart.
    private volatile Process process;
    private boolean launchedBefore;

    EtcdMember(EtcdRing ring, String name, int clientPort, int peerPort, Path dataDir, Path logFile) {
        this.ring = ring;
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    /** The member's name, which is its region's name, e.g. {@code us-east}. */
    public String name() {
        return name;
    }

    /** Where clients reach this member, e.g. {@code http://127.0.0.1:23791}. */
    public String clientUrl() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** Where the other members reach this one. */
    public String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    public int clientPort() {
        return clientPort;
    }

    public int peerPort() {
        return peerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The member's stdout and stderr, across all its restarts. */
    public Path logFile() {
        return logFile;
    }

    /** Whether this member's etcd process is alive. */
    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /**
     * The process id of the running etcd.
     *
     * @throws IllegalStateException if the member is not running
     */
    public long pid() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException("etcd member " + name + " is not running");
        }
        return current.pid();
    }

    /** Whether this member answers {@code /health} with {@code {"health":"true"}}: it has a leader and quorum. */
    public boolean isHealthy() {
        return isRunning() && ring.http().health(clientUrl()).healthy();
    }

    /**
     * Whether this member is the leader, in its own view: its {@code /v3/maintenance/status} names itself as leader.
     * False when it is not running or does not answer.
     */
    public boolean isLeader() {
        return isRunning()
                && ring.http()
                        .status(clientUrl())
                        .map(EtcdHttp.Status::isLeader)
                        .orElse(false);
    }

    /**
     * Stops the member as an operator would: SIGTERM, then SIGKILL if it has not exited within the ring's stop timeout
     * (a leader may keep running after SIGTERM while it tries to hand over leadership). Does nothing if it is not
     * running.
     */
    public synchronized void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        if (!awaitExit(current, ring.stopTimeout())) {
            log.info("etcd member {} ignored SIGTERM for {}, killing it", name, ring.stopTimeout());
            current.destroyForcibly();
            if (!awaitExit(current, KILL_WAIT)) {
                throw new EtcdRingException(
                        "etcd member " + name + " (pid " + current.pid() + ") survived SIGKILL for " + KILL_WAIT);
            }
        }
        log.info("etcd member {} stopped", name);
    }

    /** Kills the member at once (SIGKILL), as a crashed machine would, and waits until the process is gone. */
    public synchronized void kill() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroyForcibly();
        if (!awaitExit(current, KILL_WAIT)) {
            throw new EtcdRingException(
                    "etcd member " + name + " (pid " + current.pid() + ") survived SIGKILL for " + KILL_WAIT);
        }
        log.info("etcd member {} killed", name);
    }

    /**
     * Starts the member again (stopping it first if it runs) with its data directory, ports and flags, and
     * {@code --initial-cluster-state existing}, then waits up to the ring's start timeout.
     *
     * <p>What it waits for depends on whether the ring can have quorum once this member is back: if at least a
     * majority of the ring's members then run, it waits until this member's {@code /health} is true (it has rejoined,
     * a leader is elected and it has caught up with the log up to a quorum read). Otherwise no member can be healthy,
     * and it waits only until the process accepts connections on its client port; the member becomes healthy once
     * enough others are restarted.
     *
     * @throws EtcdRingException if the process exits or the wait times out; the message carries the end of its log
     */
    public synchronized void restart() {
        stop();
        launch("existing");
        Deadline deadline = new Deadline(ring.startTimeout());
        if (ring.runningCount() >= ring.quorum()) {
            awaitHealthy(deadline);
        } else {
            awaitListening(deadline);
        }
        log.info("etcd member {} restarted at {}", name, clientUrl());
    }

    synchronized void launch(String clusterState) {
        if (isRunning()) {
            throw new IllegalStateException("etcd member " + name + " is already running");
        }
        ring.ensureOpen();
        List<String> command = ring.command(this, clusterState);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            if (launchedBefore) {
                Files.writeString(
                        logFile,
                        "---- " + Instant.now() + " restarting with --initial-cluster-state=" + clusterState + "\n",
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            } else {
                builder.redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
            }
        } catch (IOException e) {
            throw new EtcdRingException("cannot write the log of etcd member " + name + " to " + logFile, e);
        }
        // A developer's ETCD_* variables (ETCD_DATA_DIR, ETCD_NAME...) would override or clash with the flags.
        builder.environment().keySet().removeIf(key -> key.startsWith("ETCD_"));
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new EtcdRingException(
                    "cannot run " + command.get(0) + " for etcd member " + name + ": " + e.getMessage(), e);
        }
        process = started;
        launchedBefore = true;
        if (ring.isClosed()) {
            // The ring was closed (e.g. by the shutdown hook) while this process was being started.
            started.destroyForcibly();
            throw new EtcdRingException("etcd ring closed while starting member " + name);
        }
        log.debug("etcd member {} started: pid {}, {}", name, started.pid(), command);
    }

    void awaitHealthy(Deadline deadline) {
        EtcdHttp.Health last = null;
        while (true) {
            failIfExited();
            last = ring.http().health(clientUrl());
            if (last.healthy()) {
                return;
            }
            if (deadline.passed()) {
                throw new EtcdRingException("etcd member " + name + " did not become healthy within "
                        + deadline.total() + " (last answer from " + clientUrl() + "/health: " + last.answer()
                        + ")" + logTail());
            }
            pause();
        }
    }

    void awaitListening(Deadline deadline) {
        while (true) {
            failIfExited();
            if (EtcdHttp.listens(clientPort)) {
                return;
            }
            if (deadline.passed()) {
                throw new EtcdRingException("etcd member " + name + " did not listen on " + clientUrl() + " within "
                        + deadline.total() + logTail());
            }
            pause();
        }
    }

    /** Sends SIGKILL without waiting or locking: for close() and the shutdown hook. */
    Process destroyNow() {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
        }
        return current;
    }

    /** Sends SIGTERM without waiting or locking, so that a whole ring can stop at once. */
    Process terminateNow() {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroy();
        }
        return current;
    }

    private void failIfExited() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            String exit = current == null ? "never started" : "exited with code " + current.exitValue();
            throw new EtcdRingException("etcd member " + name + " " + exit + logTail());
        }
    }

    /** The end of the member's log, for failure messages: that is where etcd says why. */
    String logTail() {
        if (!Files.isReadable(logFile)) {
            return "; no log at " + logFile;
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "; last lines of " + logFile + ":\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "; cannot read " + logFile + ": " + e.getMessage();
        }
    }

    static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdRingException("interrupted while waiting for etcd (pid " + process.pid() + ") to exit", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdRingException("interrupted while waiting for etcd", e);
        }
    }

    @Override
    public String toString() {
        return "EtcdMember[" + name + " " + clientUrl() + (isRunning() ? " running" : " stopped") + "]";
    }

    /** A point in time shared by several waits, so that waiting for N members takes one timeout, not N. */
    record Deadline(Duration total, long endNanos) {
        Deadline(Duration total) {
            this(total, System.nanoTime() + total.toNanos());
        }

        boolean passed() {
            return System.nanoTime() - endNanos > 0;
        }
    }
}
