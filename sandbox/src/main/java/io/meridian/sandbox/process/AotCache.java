package io.meridian.sandbox.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How Meridian's Spring Boot jars are launched when start-up time matters: from the jar's extracted
 * layout, with a JDK AOT cache (JEP 483/514) made by one training run.
 *
 * <p>Starting an API server from its executable jar costs about 7 s of CPU, nearly all of it
 * loading, verifying and linking classes; the sandbox starts eight such JVMs on two cores. The
 * extracted layout (plain jars on the class path, no nested-jar class loader) saves a quarter of
 * that, and an AOT cache, which holds those classes already parsed and linked, more than half of
 * the rest. The cache is created the first time a jar is started — a start that ends as soon as
 * the Spring context is refreshed, with the real arguments — and lives beside the jar in {@code
 * target/aot/<jar>-<fingerprint>/}, so a rebuilt jar gets a new one. Creation is serialised across
 * threads and processes; if it fails, the jar still starts from the extracted layout, only
 * slower. {@code MERIDIAN_AOT_CACHE=off} (or {@code -Dmeridian.aot.cache=off}) turns all of this off.
 */
final class AotCache {

    private static final Logger log = LoggerFactory.getLogger(AotCache.class);

    /** JDK 25 is the first with a one-step {@code -XX:AOTCacheOutput}. */
    private static final int FIRST_JDK = 25;

    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

    /** Caches of earlier builds of a jar are removed once nothing could still be starting from them. */
    private static final Duration STALE = Duration.ofHours(1);

    private static final int TAIL = 1 << 20;

    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private AotCache() {}

    static boolean enabled() {
        String setting = System.getProperty("meridian.aot.cache", System.getenv("MERIDIAN_AOT_CACHE"));
        return !"off".equalsIgnoreCase(setting)
                && !"false".equalsIgnoreCase(setting)
                && Runtime.version().feature() >= FIRST_JDK;
    }

    /**
     * The launch part of the command line ({@code -XX:AOTCache=… -jar …}) for {@code jar}, creating
     * the extracted layout and the cache first if this build of the jar has none; {@code -jar jar}
     * when anything about that fails.
     *
     * @param java the {@code java} executable
     * @param jvmOptions the options the application runs with, also used for the training run
     * @param arguments the application's arguments, also used for the training run
     * @param logFile where the training run's output is appended
     */
    static List<String> launch(Path java, Path jar, List<String> jvmOptions, List<String> arguments, Path logFile) {
        Path dir = cacheDir(jar);
        synchronized (LOCKS.computeIfAbsent(dir, d -> new Object())) {
            try {
                Files.createDirectories(dir);
                try (FileChannel channel = FileChannel.open(
                                dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    return prepare(java, jar, dir, jvmOptions, arguments, logFile);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Starting {} without an AOT cache: {}", jar, e.toString());
                return List.of("-jar", jar.toString());
            }
        }
    }

    private static List<String> prepare(
            Path java, Path jar, Path dir, List<String> jvmOptions, List<String> arguments, Path logFile)
            throws IOException {
        Path app = dir.resolve("app");
        Path extractedJar = app.resolve(jar.getFileName());
        if (!Files.isRegularFile(extractedJar)) {
            extract(java, jar, dir, app, logFile);
            removeStale(jar, dir);
        }
        List<String> plain = List.of("-jar", extractedJar.toString());
        Path cache = dir.resolve("app.aot");
        Path failed = dir.resolve("training-failed");
        if (!Files.exists(cache) && !Files.exists(failed)) {
            train(java, extractedJar, cache, failed, jvmOptions, arguments, logFile);
        }
        if (!Files.exists(cache)) {
            return plain;
        }
        List<String> launch = new ArrayList<>();
        launch.add("-XX:AOTCache=" + cache);
        launch.addAll(plain);
        return launch;
    }

    private static void extract(Path java, Path jar, Path dir, Path app, Path logFile) throws IOException {
        Path tmp = dir.resolve("app." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
        deleteTree(tmp);
        deleteTree(app);
        run(
                List.of(
                        java.toString(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        tmp.toString()),
                logFile,
                Duration.ofMinutes(2),
                "extracting " + jar);
        Files.move(tmp, app, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void train(
            Path java,
            Path extractedJar,
            Path cache,
            Path failed,
            List<String> jvmOptions,
            List<String> arguments,
            Path logFile)
            throws IOException {
        // Its own name: a training run orphaned by a killed caller may still be writing another.
        Path tmp = cache.resolveSibling("app.aot." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
        Files.deleteIfExists(tmp);
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-XX:AOTCacheOutput=" + tmp);
        // Spring Boot stops right after the context refresh: every bean created, nothing served.
        cmd.add("-Dspring.context.exit=onRefresh");
        cmd.add("-jar");
        cmd.add(extractedJar.toString());
        cmd.addAll(arguments);
        long start = System.nanoTime();
        try {
            run(cmd, logFile, TRAINING_TIMEOUT, "creating the AOT cache for " + extractedJar.getFileName());
            if (!Files.isRegularFile(tmp)) {
                throw new IllegalStateException("the training run wrote no cache; see " + logFile);
            }
            Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IllegalStateException e) {
            // Remembered, so that every later start of this build does not pay for a failing run.
            Files.writeString(failed, e.getMessage());
            throw e;
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".config"));
        }
        log.info(
                "AOT cache for {} created in {} ms",
                extractedJar.getFileName(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static void run(List<String> cmd, Path logFile, Duration timeout, String what) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(what + " took longer than " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + p.exitValue() + "; see " + logFile);
        }
    }

    /**
     * {@code <jar dir>/aot/<name>-<fingerprint>}: a rebuilt jar has another, a jar only touched
     * (the {@code fedctl} launcher marks jars it has checked against the sources) keeps its own.
     */
    static Path cacheDir(Path jar) {
        Path abs = jar.toAbsolutePath().normalize();
        String name = abs.getFileName().toString().replaceFirst("\\.jar$", "");
        return abs.resolveSibling("aot").resolve(name + "-" + fingerprint(abs));
    }

    /**
     * The size and a hash of the last MiB: a jar ends with its central directory, which holds the
     * CRC of every entry, so any change to the content changes it; reading the whole 70 MB would
     * cost every start a tenth of a second.
     */
    private static String fingerprint(Path jar) {
        try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
            long size = channel.size();
            long from = Math.max(0, size - TAIL);
            ByteBuffer tail = ByteBuffer.allocate((int) (size - from));
            while (tail.hasRemaining() && channel.read(tail, from + tail.position()) >= 0) {
                // read until the buffer is full
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(tail.flip());
            return size + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void removeStale(Path jar, Path current) {
        String prefix = jar.getFileName().toString().replaceFirst("\\.jar$", "") + "-";
        Instant cutoff = Instant.now().minus(STALE);
        try (Stream<Path> siblings = Files.list(current.getParent())) {
            for (Path other : siblings.toList()) {
                if (!other.equals(current)
                        && other.getFileName().toString().startsWith(prefix)
                        && Files.getLastModifiedTime(other).toInstant().isBefore(cutoff)) {
                    deleteTree(other);
                }
            }
        } catch (IOException e) {
            log.debug("Could not remove old AOT caches beside {}: {}", current, e.toString());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException ignored) {
                    // raced with another remover
                }
            }
        }
    }
}
