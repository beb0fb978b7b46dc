package io.meridian.it.apiserver.client;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.function.Consumer;

/** fabric8 clients for an API server under test, configured from nothing but its URL. */
public final class KubeClients {

    private KubeClients() {}

    /**
     * A client for {@code url}: no kubeconfig or environment is read, watches reconnect quickly (200 ms doubling up
     * to 6.4 s, so a restarted server is found again within seconds), every request has a deadline, and a failed
     * request is not retried, so that a test sees every 5xx the server answers.
     */
    public static KubernetesClient connect(String url) {
        return connect(url, b -> {});
    }

    /** As {@link #connect(String)}, with {@code tuning} applied last (e.g. no retries of failed requests). */
    public static KubernetesClient connect(String url, Consumer<ConfigBuilder> tuning) {
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withNamespace("default")
                // Plain-text HTTP/2 would mean an h2c upgrade on every request; the server speaks HTTP/1.1.
                .withHttp2Disable(true)
                .withConnectionTimeout(5_000)
                .withRequestTimeout(15_000)
                .withWatchReconnectInterval(200)
                .withWatchReconnectLimit(-1)
                .withRequestRetryBackoffLimit(0);
        tuning.accept(config);
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    /** Creates a namespace named {@code name} and returns it. */
    public static Namespace createNamespace(KubernetesClient client, String name) {
        return client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
    }
}
