package io.meridian.membersync.connect;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * fabric8 clients for member clusters, from a Cluster and its credentials Secret: a {@code kubeconfig}
 * key (its current context), or {@code token} with {@code ca.crt} against {@code spec.apiEndpoint}.
 * Timeouts are short and retries off: the member's guard decides what a failure means, and the work
 * queue does the retrying.
 */
public final class MemberConnections {

    /** Secret keys. */
    public static final String KUBECONFIG = "kubeconfig";

    public static final String TOKEN = "token";
    public static final String CA = "ca.crt";

    private MemberConnections() {}

    /** A client for {@code cluster} with the credentials in {@code secret} (may be null for no credentials). */
    public static KubernetesClient connect(Cluster cluster, Secret secret, Duration requestTimeout) {
        return new KubernetesClientBuilder()
                .withConfig(config(cluster, secret, requestTimeout))
                .build();
    }

    public static Config config(Cluster cluster, Secret secret, Duration requestTimeout) {
        ClusterSpec spec = cluster.getSpec();
        Map<String, String> data = secret == null || secret.getData() == null ? Map.of() : secret.getData();
        Config config;
        if (data.containsKey(KUBECONFIG)) {
            config = Config.fromKubeconfig(decode(data.get(KUBECONFIG)));
            if (spec.apiEndpoint() != null && !spec.apiEndpoint().isEmpty()) {
                config.setMasterUrl(spec.apiEndpoint());
            }
        } else {
            if (spec.apiEndpoint() == null || spec.apiEndpoint().isEmpty()) {
                throw new IllegalArgumentException(
                        "cluster " + cluster.getMetadata().getName()
                                + " has neither a kubeconfig in its credentials nor spec.apiEndpoint");
            }
            ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(spec.apiEndpoint());
            if (data.containsKey(TOKEN)) {
                b.withOauthToken(decode(data.get(TOKEN)).trim());
            }
            if (data.containsKey(CA)) {
                b.withCaCertData(data.get(CA));
            }
            config = b.build();
        }
        if (Boolean.TRUE.equals(spec.insecureSkipTLSVerification())) {
            config.setTrustCerts(true);
            config.setDisableHostnameVerification(true);
        }
        return tune(config, requestTimeout);
    }

    /** The settings every member client gets, whatever its credentials. */
    public static Config tune(Config config, Duration requestTimeout) {
        config.setRequestTimeout((int) requestTimeout.toMillis());
        config.setConnectionTimeout((int) Math.min(requestTimeout.toMillis(), 3000));
        config.setRequestRetryBackoffLimit(0);
        config.setWatchReconnectInterval(1000);
        config.setWatchReconnectLimit(-1);
        return config;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
