package io.meridian.fedctl.connect;

import io.meridian.fedctl.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a command finds the federation API: the kubectl options, with kubectl's defaults. */
public final class ConnectionOptions {

    @Option(
            names = "--kubeconfig",
            paramLabel = "FILE",
            description = "The kubeconfig of the federation API (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(
            names = "--context",
            paramLabel = "NAME",
            description = "The kubeconfig context to use (default: the current context).")
    String context;

    @Option(
            names = "--request-timeout",
            paramLabel = "DURATION",
            defaultValue = "15s",
            converter = DurationConverter.class,
            description = "How long one request to the API may take (default ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    /** Connects to the federation; {@code namespace} may be null for the context's. */
    public Federation open(String namespace) {
        return Federation.connect(kubeconfig, context, namespace, requestTimeout);
    }
}
