package io.meridian.fedctl.membership;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.meridian.fedctl.UserError;
import io.meridian.fedctl.connect.ApiErrors;
import io.meridian.fedctl.connect.Federation;
import java.time.Duration;
import java.util.Optional;

/** Asks a member cluster's API server for {@code /version}, as proof that it can be reached. */
final class MemberProbe {

    private MemberProbe() {}

    /**
     * The member's Kubernetes version.
     *
     * @param config the member's client configuration
     * @param name the cluster's name, for messages
     * @param how how the member was chosen ({@code context eu in ./eu.kubeconfig}), for messages
     * @param retry the command that shows the user the same failure, for messages
     * @throws UserError when the member does not answer or refuses the credentials
     */
    static String version(Config config, String name, String how, String retry, Duration timeout) {
        Federation.tune(config, timeout);
        config.setRequestRetryBackoffLimit(0);
        String url = config.getMasterUrl() == null ? "" : config.getMasterUrl();
        if (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        String where = "cluster '" + name + "' at " + url + " (" + how + ")";
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            VersionInfo version = client.getKubernetesVersion();
            return version == null || version.getGitVersion() == null ? "unknown" : version.getGitVersion();
        } catch (KubernetesClientException e) {
            Optional<String> unreachable = ApiErrors.unreachable(e);
            if (unreachable.isPresent()) {
                throw new UserError("cannot reach " + where + ": " + unreachable.get()
                        + "; check that its API server is up and the kubeconfig is right ('" + retry
                        + "'), or join it with --mode pull if only the cluster can reach the federation");
            }
            if (ApiErrors.timedOut(e)) {
                throw new UserError(where + " did not answer within " + timeout.toSeconds()
                        + "s; check the network path ('" + retry + "')");
            }
            if (e.getCode() == 401 || e.getCode() == 403) {
                throw new UserError(where + " refused the credentials (HTTP " + e.getCode()
                        + "); use a context whose user may read the cluster");
            }
            throw new UserError(where + " failed: " + ApiErrors.message(e));
        }
    }
}
