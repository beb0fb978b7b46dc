package io.meridian.fedctl;

import io.meridian.fedctl.apply.ApplyCommand;
import io.meridian.fedctl.clusters.CordonCommand;
import io.meridian.fedctl.clusters.GetCommand;
import io.meridian.fedctl.clusters.UncordonCommand;
import io.meridian.fedctl.completion.CompletionCommand;
import io.meridian.fedctl.membership.JoinCommand;
import io.meridian.fedctl.membership.UnjoinCommand;
import io.meridian.fedctl.sandbox.SandboxCommand;
import io.meridian.fedctl.status.StatusCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fedctl}: the Meridian command line. */
@Command(
        name = "fedctl",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Fedctl.Version.class,
        description = "Run and use a Meridian federation: the local sandbox, federated applies, status and drills.",
        subcommands = {
            SandboxCommand.class,
            JoinCommand.class,
            UnjoinCommand.class,
            ApplyCommand.class,
            GetCommand.class,
            StatusCommand.class,
            CordonCommand.class,
            UncordonCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Fedctl {

    @Option(
            names = "--verbose",
            description = "Print details (stack traces) of errors.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code fedctl} with {@code args} on this process's standard streams; returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs {@code fedctl} with {@code args}, writing to {@code out} and {@code err}; returns its exit
     * code ({@link ExitCodes}). Every failure is one line on {@code err} that starts with {@code
     * error:}; {@code --verbose} adds the stack trace.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Fedctl());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, argv) -> {
            CommandLine command = e.getCommandLine();
            String help = command.getCommandSpec().qualifiedName() + " --help";
            command.getErr().println("error: " + firstLine(e.getMessage()) + " (see '" + help + "')");
            command.getErr().flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose");
            PrintWriter stderr = commandLine.getErr();
            if (e instanceof UserError) {
                stderr.println("error: " + e.getMessage());
            } else {
                String message = e.getMessage() == null ? e.toString() : firstLine(e.getMessage());
                stderr.println("error: " + message + (verbose ? "" : " (run again with --verbose for details)"));
            }
            if (verbose) {
                e.printStackTrace(stderr);
            }
            stderr.flush();
            return e instanceof UserError u ? u.exitCode() : ExitCodes.ERROR;
        });
        int exit = cli.execute(args);
        out.flush();
        err.flush();
        return exit;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Fedctl.class.getPackage().getImplementationVersion();
            return new String[] {"fedctl " + (v == null ? "dev" : v)};
        }
    }
}
