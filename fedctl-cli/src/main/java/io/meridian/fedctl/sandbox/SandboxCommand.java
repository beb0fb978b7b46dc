package io.meridian.fedctl.sandbox;

import io.meridian.fedctl.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fedctl sandbox up|down|status}: a federation on this machine, in one command. */
@Command(
        name = "sandbox",
        description =
                "Run a whole federation on this machine: an etcd ring, an API server per region, three simulated member clusters joined, two controllers.",
        subcommands = {
            SandboxCommand.Up.class,
            SandboxCommand.Down.class,
            SandboxCommand.Status.class,
            SandboxCommand.Fail.class,
            SandboxCommand.Heal.class,
            SandboxCommand.Run.class
        })
public final class SandboxCommand {

    @Option(
            names = "--home",
            description = "Where the sandbox keeps its data and logs (default ~/.meridian/sandbox).",
            scope = CommandLine.ScopeType.INHERIT)
    Path home;

    SandboxHome home() {
        return SandboxHome.resolve(home);
    }

    /** {@code fedctl sandbox up}. */
    @Command(name = "up", description = "Start the sandbox in the background and wait until it is ready.")
    static final class Up implements Callable<Integer> {
        @CommandLine.ParentCommand
        SandboxCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--timeout",
                defaultValue = "300s",
                description = "How long to wait for readiness (default ${DEFAULT-VALUE}); a sandbox not"
                        + " ready by then is stopped again.",
                converter = DurationConverter.class)
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            SandboxHome home = parent.home();
            PrintWriter out = spec.commandLine().getOut();
            Optional<SandboxState> existing = SandboxState.read(home.stateFile());
            if (existing.isPresent() && existing.get().supervisorAlive()) {
                SandboxState s = awaitReady(home, existing.get().supervisorPid(), timeout);
                out.println("The sandbox is already running.");
                printSummary(out, home, s);
                return 0;
            }
            Files.createDirectories(home.logs());
            Files.deleteIfExists(home.stateFile());
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                // its own session: a Ctrl-C in this terminal later must not reach the sandbox
                cmd.add("/usr/bin/setsid");
            }
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx320m");
            cmd.add("-XX:+UseSerialGC");
            // C1 only: the supervisor's simulators and proxies gain nothing from C2 but its compile time
            cmd.add("-XX:TieredStopAtLevel=1");
            for (String jar : List.of("meridian.apiserver.jar", "meridian.controller.jar")) {
                String path = System.getProperty(jar);
                if (path != null) {
                    cmd.add("-D" + jar + "=" + path);
                }
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("io.meridian.fedctl.Fedctl");
            cmd.add("sandbox");
            cmd.add("run");
            cmd.add("--home");
            cmd.add(home.root().toString());
            Process supervisor = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            home.supervisorLog().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            out.println("Starting the Meridian sandbox (logs in " + home.logs() + ") ...");
            out.flush();
            SandboxState state;
            try {
                state = awaitReady(home, supervisor.pid(), timeout);
            } catch (UserError e) {
                // Half a sandbox is worse than none: what this up started goes again.
                stopSupervisor(supervisor.toHandle());
                throw new UserError(e.getMessage() + "; stopped what had started");
            }
            printSummary(out, home, state);
            return 0;
        }
    }

    /** {@code fedctl sandbox down}. */
    @Command(name = "down", description = "Stop everything the sandbox started (its data is kept).")
    static final class Down implements Callable<Integer> {
        @CommandLine.ParentCommand
        SandboxCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SandboxHome home = parent.home();
            Optional<SandboxState> state = SandboxState.read(home.stateFile());
            PrintWriter out = spec.commandLine().getOut();
            if (state.isEmpty()) {
                out.println("The sandbox is not running.");
                return 0;
            }
            SandboxState s = state.get();
            Optional<ProcessHandle> supervisor =
                    ProcessHandle.of(s.supervisorPid()).filter(ProcessHandle::isAlive);
            supervisor.ifPresent(SandboxCommand::stopSupervisor);
            // Whatever the supervisor could not stop (it may have been killed) goes now.
            for (SandboxState.Component c : s.components()) {
                ProcessHandle.of(c.pid()).filter(ProcessHandle::isAlive).ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
            }
            Files.deleteIfExists(home.stateFile());
            out.println("The sandbox is stopped (data kept in " + home.root() + ").");
            return 0;
        }
    }

    /** {@code fedctl sandbox status}. */
    @Command(name = "status", description = "Show every process of the sandbox and its health.")
    static final class Status implements Callable<Integer> {
        @CommandLine.ParentCommand
        SandboxCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SandboxHome home = parent.home();
            PrintWriter out = spec.commandLine().getOut();
            Optional<SandboxState> state = SandboxState.read(home.stateFile());
            if (state.isEmpty() || !state.get().supervisorAlive()) {
                out.println("The sandbox is not running. Start it with: fedctl sandbox up");
                return 3;
            }
            boolean healthy = printTable(out, state.get());
            return healthy ? 0 : 1;
        }
    }

    /** {@code fedctl sandbox fail REGION --mode down|slow|error|partition}. */
    @Command(name = "fail", description = "Make one simulated member cluster fail, for drills.")
    static final class Fail implements Callable<Integer> {
        @CommandLine.ParentCommand
        SandboxCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(
                index = "0",
                paramLabel = "REGION",
                description = "The member cluster (us-east, eu-west or ap-south).")
        String cluster;

        @Option(
                names = "--mode",
                defaultValue = "down",
                description =
                        "down (port closed), slow (added latency), error (every request 503), partition (accepts, never answers). Default ${DEFAULT-VALUE}.")
        String mode;

        @Option(
                names = "--latency",
                defaultValue = "2s",
                description = "The added latency for --mode slow (default ${DEFAULT-VALUE}).")
        String latency;

        @Override
        public Integer call() {
            try {
                SandboxControl.mode(mode, latency);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), 2);
            }
            return control(
                    parent.home(),
                    spec.commandLine().getOut(),
                    "/fail?cluster=" + cluster + "&mode=" + mode + "&latency=" + latency);
        }
    }

    /** {@code fedctl sandbox heal REGION}. */
    @Command(name = "heal", description = "Make a failed simulated member cluster healthy again.")
    static final class Heal implements Callable<Integer> {
        @CommandLine.ParentCommand
        SandboxCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(index = "0", paramLabel = "REGION", description = "The member cluster to heal.")
        String cluster;

        @Override
        public Integer call() {
            return control(parent.home(), spec.commandLine().getOut(), "/heal?cluster=" + cluster);
        }
    }

    private static int control(SandboxHome home, PrintWriter out, String pathAndQuery) {
        SandboxState state = SandboxState.read(home.stateFile())
                .filter(SandboxState::supervisorAlive)
                .filter(s -> s.controlUrl() != null)
                .orElseThrow(() -> new UserError("the sandbox is not running; start it with: fedctl sandbox up", 3));
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(state.controlUrl() + pathAndQuery))
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new UserError(r.body().strip());
            }
            out.println(r.body().strip());
            out.flush();
            return 0;
        } catch (IOException e) {
            throw new UserError(
                    "cannot reach the sandbox's supervisor: " + e.getMessage() + "; see " + home.supervisorLog());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    /** The supervisor itself; started by {@code up}, not meant to be run by hand. */
    @Command(name = "run", hidden = true)
    static final class Run implements Callable<Integer> {
        @CommandLine.ParentCommand
        SandboxCommand parent;

        @Override
        public Integer call() throws Exception {
            new SandboxSupervisor(parent.home()).run();
            return 0;
        }
    }

    /** SIGTERM: the supervisor stops its whole tree; SIGKILL if it has not within a minute. */
    static void stopSupervisor(ProcessHandle supervisor) {
        supervisor.destroy();
        try {
            supervisor.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            supervisor.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            supervisor.destroyForcibly();
        }
    }

    static SandboxState awaitReady(SandboxHome home, long supervisorPid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SandboxState> s = SandboxState.read(home.stateFile());
            if (s.isPresent() && s.get().phase().equals("ready")) {
                return s.get();
            }
            if (s.isPresent() && s.get().phase().equals("failed")) {
                throw new UserError("the sandbox failed to start: "
                        + firstLine(s.get().message()) + " (see " + home.supervisorLog() + ")");
            }
            if (ProcessHandle.of(supervisorPid).map(p -> !p.isAlive()).orElse(true)) {
                throw new UserError("the sandbox exited during start-up; see " + home.supervisorLog());
            }
            Thread.sleep(200);
        }
        throw new UserError(
                "the sandbox was not ready within " + timeout.toSeconds() + "s; see " + home.supervisorLog());
    }

    static void printSummary(PrintWriter out, SandboxHome home, SandboxState state) {
        printTable(out, state);
        String api = state.components().stream()
                .filter(c -> c.name().startsWith("apiserver"))
                .map(SandboxState.Component::endpoint)
                .findFirst()
                .orElse("?");
        out.println();
        out.println("Federation API: " + api + " (one API server per region, one etcd ring)");
        out.println("Kubeconfig:     " + home.kubeconfig());
        out.println("                contexts: meridian (the federation), "
                + String.join(
                        ", ",
                        SandboxSupervisor.REGIONS.stream()
                                .map(r -> "member-" + r)
                                .toList()));
        out.println("Logs:           " + home.logs());
        out.println();
        out.println("Try:");
        out.println("  export KUBECONFIG=" + home.kubeconfig());
        out.println("  kubectl get clusters");
        // fedctl, not kubectl: it applies the Namespace before what lives in it, and waits for readiness
        out.println("  ./fedctl apply -f examples/multi-region-app");
        out.println("  ./fedctl status deployment/web -n shop");
        out.println();
        out.println("Drills: ./fedctl sandbox fail eu-west --mode down; ./fedctl sandbox heal eu-west");
        out.println("Stop it with: ./fedctl sandbox down");
        out.flush();
    }

    /** Prints the component table; true when every component is healthy. */
    static boolean printTable(PrintWriter out, SandboxState state) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"COMPONENT", "PID", "STATE", "ENDPOINT"});
        boolean all = true;
        for (SandboxState.Component c : state.components()) {
            boolean alive =
                    ProcessHandle.of(c.pid()).map(ProcessHandle::isAlive).orElse(false);
            String health = alive ? (healthy(http, c.health()) ? "healthy" : "unhealthy") : "stopped";
            all &= health.equals("healthy");
            rows.add(new String[] {c.name(), Long.toString(c.pid()), health, c.endpoint()});
        }
        int[] widths = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < 4; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                sb.append(i == 3 ? r[i] : String.format("%-" + (widths[i] + 3) + "s", r[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
        return all;
    }

    private static boolean healthy(HttpClient http, String url) {
        if (url == null || url.isEmpty()) {
            return true;
        }
        try {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Parses {@code 90s}, {@code 2m}, or ISO-8601 {@code PT90S}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }

        static Duration parse(String value) {
            String v = value.trim().toLowerCase();
            try {
                if (v.startsWith("pt")) {
                    return Duration.parse(value);
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + value + "' is not a duration (try 90s, 2m or 1h)");
            }
        }
    }
}
