package io.meridian.membersync.agent;

import io.meridian.api.model.names.Namespaces;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the pull agent, under {@code meridian.sync}.
 *
 * @param clusterName the member cluster this agent syncs: the name of its Cluster in the federation
 *     API (required)
 * @param federation how to reach the federation API (a URL or a kubeconfig is required)
 * @param member how to reach the member cluster: a kubeconfig, or, when none is given, the
 *     in-cluster service account (or the usual kubeconfig of the user running the agent)
 * @param workers Works reconciled at once
 * @param workResync how often every Work is reconciled again without an event
 * @param guard the member's time limiter, bulkhead and circuit breaker
 * @param heartbeat the heartbeat Lease and Cluster status
 */
@ConfigurationProperties("meridian.sync")
public record AgentProperties(
        String clusterName,
        @DefaultValue Federation federation,
        @DefaultValue Member member,
        @DefaultValue("2") int workers,
        @DefaultValue("5m") Duration workResync,
        @DefaultValue Guard guard,
        @DefaultValue Heartbeat heartbeat) {

    public AgentProperties {
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException(
                    "meridian.sync.cluster-name is required: the name of the member cluster this agent syncs");
        }
        if (!Namespaces.isValidClusterName(clusterName)) {
            throw new IllegalArgumentException("meridian.sync.cluster-name '" + clusterName
                    + "' is not a cluster name: a DNS label of at most " + Namespaces.MAX_CLUSTER_NAME_LENGTH
                    + " characters");
        }
        if (federation.url() == null && federation.kubeconfig() == null) {
            throw new IllegalArgumentException(
                    "meridian.sync.federation.url or meridian.sync.federation.kubeconfig is required:"
                            + " the agent dials out to the federation API");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("meridian.sync.workers must be at least 1");
        }
    }

    /**
     * @param url the federation API's URL, such as {@code https://federation.example.com:6443}
     * @param kubeconfig a kubeconfig for the federation API (its current context); the URL, when also
     *     given, replaces its server
     * @param tokenFile a file holding a bearer token for the federation API (re-read by the client)
     * @param insecureSkipTlsVerify skip verification of the federation API's certificate (tests only)
     * @param requestTimeout the federation client's request timeout
     */
    public record Federation(
            String url,
            Path kubeconfig,
            Path tokenFile,
            @DefaultValue("false") boolean insecureSkipTlsVerify,
            @DefaultValue("10s") Duration requestTimeout) {}

    /**
     * @param kubeconfig a kubeconfig for the member cluster (its current context); absent: in-cluster
     * @param requestTimeout the member client's request timeout (the guard's call timeout bounds
     *     every call as well)
     */
    public record Member(
            Path kubeconfig, @DefaultValue("10s") Duration requestTimeout) {}

    /**
     * @param callTimeout the longest one call to the member may take
     * @param maxConcurrentCalls calls to the member in flight at once
     * @param failureRateThreshold percent of failed calls that opens the circuit
     * @param slidingWindow calls the failure rate is computed over
     * @param openDuration how long the circuit stays open before a probe is let through
     */
    public record Guard(
            @DefaultValue("10s") Duration callTimeout,
            @DefaultValue("16") int maxConcurrentCalls,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindow,
            @DefaultValue("5s") Duration openDuration) {}

    /**
     * @param interval how often the member is probed and the Lease renewed
     * @param leaseDuration the Lease's declared duration
     * @param statusRefresh how often an unchanged Cluster status is rewritten
     */
    public record Heartbeat(
            @DefaultValue("5s") Duration interval,
            @DefaultValue("40s") Duration leaseDuration,
            @DefaultValue("60s") Duration statusRefresh) {}
}
