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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fedctl}: the Meridian command line. */
@Command(
        name = "fedctl",
        mixinStandardHelpOptions = true,
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

    /** Runs {@code fedctl} with {@code args} and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Fedctl());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose");
            if (e instanceof UserError u) {
                commandLine.getErr().println("error: " + u.getMessage());
            } else {
                commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            } else if (!(e instanceof UserError)) {
                commandLine.getErr().println("(run again with --verbose for details)");
            }
            return e instanceof UserError u ? u.exitCode() : 1;
        });
        return cli.execute(args);
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
