package io.meridian.controller.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the federation controller, under {@code meridian.controller}.
 *
 * @param federationApi URL of the federation API; empty means the usual kubeconfig resolution
 *     (KUBECONFIG, ~/.kube/config, in-cluster)
 * @param kubeconfig a kubeconfig file for the federation API, used when {@code federationApi} is empty
 * @param identity this replica's name in leader election; empty means host name and pid
 * @param disabled controllers not to run, by name (e.g. {@code cluster-health})
 * @param workers reconcile workers per controller
 * @param leaderElection lease timings
 * @param clusterHealth heartbeat grace and settling period
 */
@ConfigurationProperties("meridian.controller")
public record ControllerProperties(
        @DefaultValue("") String federationApi,
        @DefaultValue("") String kubeconfig,
        @DefaultValue("") String identity,
        @DefaultValue List<String> disabled,
        @DefaultValue("4") int workers,
        @DefaultValue LeaderElection leaderElection,
        @DefaultValue ClusterHealth clusterHealth) {

    /**
     * @param leaseDuration how long a lease is valid without renewal
     * @param renewDeadline how long the leader retries renewing before giving up
     * @param retryPeriod how often candidates try
     */
    public record LeaderElection(
            @DefaultValue("15s") Duration leaseDuration,
            @DefaultValue("10s") Duration renewDeadline,
            @DefaultValue("2s") Duration retryPeriod) {}

    /**
     * @param heartbeatGrace how old a cluster's last heartbeat may be before it is NotReady
     * @param settle how long a recovering cluster must stay healthy before it is Ready again
     */
    public record ClusterHealth(
            @DefaultValue("20s") Duration heartbeatGrace,
            @DefaultValue("10s") Duration settle) {}
}
