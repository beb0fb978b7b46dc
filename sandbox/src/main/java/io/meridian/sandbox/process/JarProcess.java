package io.meridian.sandbox.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of Meridian's packaged applications (API server, controller, agent) running as its own JVM,
 * as the sandbox and the end-to-end suites run them: started, waited for until its readiness URL
 * answers 200, stopped (SIGTERM, then SIGKILL), killed (SIGKILL) or restarted with the same
 * arguments. A JVM shutdown hook kills whatever is still running, so an aborted test run leaves no
 * process behind.
 */
public final class JarProcess implements AutoCloseable {

    private static final Set<JarProcess> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK = new AtomicBoolean();

    private final String name;
    private final Path jar;
    private final List<String> launch;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final URI readyUrl;
    private final Path logFile;
    private final Duration startTimeout;
    private Process process;

    /**
     * @param name what to call it in messages
     * @param jar the runnable jar
     * @param jvmOptions options before {@code -jar}
     * @param arguments the application's arguments
     * @param readyUrl answers 200 once the application is ready
     * @param logFile stdout and stderr, appended
     * @param startTimeout how long {@link #start()} waits for readiness
     */
    public JarProcess(
            String name,
            Path jar,
            List<String> jvmOptions,
            List<String> arguments,
            URI readyUrl,
            Path logFile,
            Duration startTimeout) {
        this(name, jar, List.of("-jar", jar.toString()), jvmOptions, arguments, readyUrl, logFile, startTimeout);
    }

    private JarProcess(
            String name,
            Path jar,
            List<String> launch,
            List<String> jvmOptions,
            List<String> arguments,
            URI readyUrl,
            Path logFile,
            Duration startTimeout) {
        this.name = name;
        this.jar = jar;
        this.launch = List.copyOf(launch);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        this.readyUrl = readyUrl;
        this.logFile = logFile;
        this.startTimeout = startTimeout;
    }

    /**
     * An application launched as {@code java -cp classpath mainClass} rather than from one runnable jar: for a main
     * class that lives beside an application's classes (the virtual member clusters' host runs on the API server's
     * extracted classpath).
     *
     * @param classpath the class path entries, in order
     */
    public static JarProcess mainClass(
            String name,
            List<Path> classpath,
            String mainClass,
            List<String> jvmOptions,
            List<String> arguments,
            URI readyUrl,
            Path logFile,
            Duration startTimeout) {
        String cp = String.join(
                File.pathSeparator, classpath.stream().map(Path::toString).toList());
        return new JarProcess(
                name,
                classpath.getFirst(),
                List.of("-cp", cp, mainClass),
                jvmOptions,
                arguments,
                readyUrl,
                logFile,
                startTimeout);
    }

    /** Launches the application and waits until it is ready. */
    public synchronized JarProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        installHook();
        List<String> cmd = new ArrayList<>();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        boolean runnableJar = launch.size() == 2 && launch.getFirst().equals("-jar");
        cmd.addAll(
                runnableJar && AotCache.enabled()
                        ? AotCache.launch(java, jar, jvmOptions, arguments, logFile)
                        : launch);
        cmd.addAll(arguments);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
        OPEN.add(this);
        awaitReady();
        return this;
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " during start-up; last lines of " + logFile + ":\n" + tail());
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(readyUrl)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        destroy(true);
        throw new IllegalStateException(name + " was not ready within " + startTimeout.toSeconds() + "s; last lines of "
                + logFile + ":\n" + tail());
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
    public synchronized void stop() {
        destroy(false);
    }

    /** SIGKILL: the process dies at once, mid-request if there is one. */
    public synchronized void kill() {
        destroy(true);
    }

    /** Starts it again with the same arguments and waits until it is ready. */
    public synchronized JarProcess restart() {
        destroy(false);
        return start();
    }

    private void destroy(boolean force) {
        if (process == null) {
            return;
        }
        try {
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public synchronized void close() {
        destroy(false);
        OPEN.remove(this);
    }

    /** The last 40 lines of the log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void installHook() {
        if (HOOK.compareAndSet(false, true)) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> OPEN.forEach(p -> p.destroy(true)), "jar-process-cleanup"));
        }
    }

    /**
     * A packaged jar: the system property {@code property} (or the environment variable {@code env})
     * when set, else {@code relativePath} in the working directory or one of its parents (tests run
     * in a module directory).
     */
    public static Path locate(String relativePath, String property, String env, String buildHint) {
        String configured = System.getProperty(property, System.getenv(env));
        if (configured != null && !configured.isEmpty()) {
            Path p = Path.of(configured);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(property + " points to " + p + ", which does not exist");
            }
            return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relativePath);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "cannot find " + relativePath + ": build it first with '" + buildHint + "', or set -D" + property);
    }

    /** Small heap, serial GC, C1 only: several of these share two cores in tests and the sandbox. */
    public static List<String> smallJvm(String maxHeap) {
        return List.of("-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
    }
}
