package io.meridian.fedctl.connect;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.fedctl.UserError;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A connection to the federation API, chosen as kubectl chooses a cluster: {@code --kubeconfig} or
 * else {@code KUBECONFIG} or else {@code ~/.kube/config}, at {@code --context} or else the current
 * context. Requests fail fast (one retry, short timeouts), so that a command run against a dead
 * endpoint says so in seconds.
 */
public final class Federation implements AutoCloseable {

    private final KubernetesClient client;
    private final String server;
    private final String contextName;
    private final String namespace;
    private Discovery discovery;

    private Federation(KubernetesClient client, String server, String contextName, String namespace) {
        this.client = client;
        this.server = server;
        this.contextName = contextName;
        this.namespace = namespace;
    }

    /**
     * Connects (lazily: nothing is sent yet).
     *
     * @param kubeconfig an explicit kubeconfig, or null for the usual search
     * @param context a context name, or null for the current one
     * @param namespace the namespace for objects that name none, or null for the context's
     */
    public static Federation connect(Path kubeconfig, String context, String namespace, Duration requestTimeout) {
        Config config = kubeconfig != null ? fromFile(kubeconfig, context) : fromDefaults(context);
        tune(config, requestTimeout);
        String ns = namespace != null && !namespace.isEmpty()
                ? namespace
                : config.getNamespace() == null || config.getNamespace().isEmpty() ? "default" : config.getNamespace();
        String ctx = config.getCurrentContext() == null
                ? null
                : config.getCurrentContext().getName();
        KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build();
        return new Federation(client, stripSlash(config.getMasterUrl()), ctx, ns);
    }

    private static Config fromFile(Path kubeconfig, String context) {
        KubeconfigFile file = KubeconfigFile.read(kubeconfig);
        NamedContext chosen = file.context(context);
        return Config.fromKubeconfig(chosen.getName(), kubeconfig.toFile());
    }

    private static Config fromDefaults(String context) {
        Collection<String> files = Config.getKubeconfigFilenames();
        boolean any = files.stream().anyMatch(f -> Files.isRegularFile(Path.of(f)));
        if (!any) {
            throw new UserError("no kubeconfig found ("
                    + (System.getenv("KUBECONFIG") == null
                            ? "~/.kube/config does not exist"
                            : "KUBECONFIG names no existing file")
                    + "); start the local sandbox with 'fedctl sandbox up' and export the KUBECONFIG it prints,"
                    + " or pass --kubeconfig");
        }
        Config config = Config.autoConfigure(context);
        if (context != null) {
            // fabric8 silently falls back to the current context when the named one does not exist
            boolean found = config.getContexts() != null
                    && config.getContexts().stream().anyMatch(c -> context.equals(c.getName()));
            if (!found) {
                List<String> names = config.getContexts() == null
                        ? List.of()
                        : config.getContexts().stream()
                                .map(NamedContext::getName)
                                .toList();
                throw new UserError("your kubeconfig (" + String.join(File.pathSeparator, files) + ") has no context '"
                        + context + "' (it has: " + String.join(", ", names) + ")");
            }
        }
        return config;
    }

    /** The client settings of every fedctl connection, to the federation or to a member. */
    public static void tune(Config config, Duration requestTimeout) {
        int timeout = (int) requestTimeout.toMillis();
        config.setRequestTimeout(timeout);
        config.setConnectionTimeout(Math.min(timeout, 5_000));
        config.setRequestRetryBackoffLimit(1);
        config.setRequestRetryBackoffInterval(200);
        config.setWatchReconnectInterval(1_000);
        config.setWatchReconnectLimit(-1);
        // Plain HTTP watches work with every API server and spare a WebSocket round trip.
        config.setOnlyHttpWatches(true);
    }

    public KubernetesClient client() {
        return client;
    }

    /** The namespace for objects that name none: {@code -n}, else the context's, else {@code default}. */
    public String namespace() {
        return namespace;
    }

    /** The API server URL, without a trailing slash. */
    public String server() {
        return server;
    }

    /** {@code the federation API at http://127.0.0.1:16443 (context meridian)}, for messages. */
    public String describe() {
        return "the federation API at " + server + (contextName == null ? "" : " (context " + contextName + ")");
    }

    /** The kinds the federation serves, discovered once. */
    public Discovery discovery() {
        if (discovery == null) {
            discovery = new Discovery(client);
        }
        return discovery;
    }

    /** {@code e} as one line about this federation. */
    public UserError failure(KubernetesClientException e) {
        return ApiErrors.translate(e, describe());
    }

    @Override
    public void close() {
        client.close();
    }

    private static String stripSlash(String url) {
        String u = Objects.requireNonNullElse(url, "");
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
