package io.meridian.fedctl.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running sandbox consists of, written by its supervisor so that {@code status} and
 * {@code down} (other processes) can find everything.
 *
 * @param phase {@code starting}, {@code ready} or {@code failed}
 * @param supervisorPid the process that owns everything else
 * @param message what went wrong, when failed
 * @param components every process it started
 * @param controlUrl the supervisor's control port ({@code fail}/{@code heal}), once ready
 */
public record SandboxState(
        String phase, long supervisorPid, String message, List<Component> components, String controlUrl) {

    public SandboxState(String phase, long supervisorPid, String message, List<Component> components) {
        this(phase, supervisorPid, message, components, null);
    }

    /**
     * One process of the sandbox.
     *
     * @param name e.g. {@code etcd-us-east}, {@code apiserver}
     * @param pid its process id
     * @param endpoint the URL it serves
     * @param health a URL answering 200 when healthy
     * @param log its log file
     */
    public record Component(String name, long pid, String endpoint, String health, String log) {}

    public void write(Path file) {
        Properties p = new Properties();
        p.setProperty("phase", phase);
        p.setProperty("supervisor.pid", Long.toString(supervisorPid));
        if (message != null) {
            p.setProperty("message", message);
        }
        if (controlUrl != null) {
            p.setProperty("control.url", controlUrl);
        }
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            p.setProperty("component." + i + ".name", c.name());
            p.setProperty("component." + i + ".pid", Long.toString(c.pid()));
            p.setProperty("component." + i + ".endpoint", c.endpoint());
            p.setProperty("component." + i + ".health", c.health());
            p.setProperty("component." + i + ".log", c.log());
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Meridian sandbox: written by its supervisor, read by fedctl sandbox status|down");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Optional<SandboxState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<Component> components = new ArrayList<>();
        for (int i = 0; p.containsKey("component." + i + ".name"); i++) {
            components.add(new Component(
                    p.getProperty("component." + i + ".name"),
                    Long.parseLong(p.getProperty("component." + i + ".pid", "0")),
                    p.getProperty("component." + i + ".endpoint", ""),
                    p.getProperty("component." + i + ".health", ""),
                    p.getProperty("component." + i + ".log", "")));
        }
        return Optional.of(new SandboxState(
                p.getProperty("phase", "unknown"),
                Long.parseLong(p.getProperty("supervisor.pid", "0")),
                p.getProperty("message"),
                List.copyOf(components),
                p.getProperty("control.url")));
    }

    public boolean supervisorAlive() {
        return ProcessHandle.of(supervisorPid).map(ProcessHandle::isAlive).orElse(false);
    }
}
