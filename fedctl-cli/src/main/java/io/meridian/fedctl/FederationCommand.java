package io.meridian.fedctl;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.fedctl.connect.ConnectionOptions;
import io.meridian.fedctl.connect.Federation;
import io.meridian.fedctl.output.Terminal;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the federation API: it connects with the kubectl options, runs, and
 * turns any API failure into one line that names the server and says what to try.
 */
public abstract class FederationCommand implements Callable<Integer> {

    @Mixin
    protected ConnectionOptions connection;

    @Spec
    protected CommandSpec spec;

    private Terminal terminal;

    /** Runs the command; returns its exit code ({@link ExitCodes}). */
    protected abstract int run(Federation federation) throws Exception;

    /**
     * Checks what needs no API (files, option values) before connecting, so that such mistakes are
     * reported even when the API is down.
     */
    protected void prepare() throws Exception {}

    /** The namespace from {@code -n}, for commands that have it; null means the context's. */
    protected String namespaceOption() {
        return null;
    }

    @Override
    public final Integer call() throws Exception {
        prepare();
        try (Federation federation = connection.open(namespaceOption())) {
            try {
                return run(federation);
            } catch (RuntimeException e) {
                KubernetesClientException api = apiFailure(e);
                if (api != null) {
                    throw federation.failure(api);
                }
                throw e;
            }
        }
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Terminal terminal() {
        if (terminal == null) {
            terminal = Terminal.detect();
        }
        return terminal;
    }

    private static KubernetesClientException apiFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserError) {
                return null;
            }
            if (t instanceof KubernetesClientException k) {
                return k;
            }
        }
        return null;
    }
}
