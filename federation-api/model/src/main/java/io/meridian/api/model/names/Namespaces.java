package io.meridian.api.model.names;

import io.meridian.api.model.meta.Patterns;
import java.util.Optional;

/**
 * The namespaces Meridian owns in the federation API.
 *
 * <p>Each member cluster has an execution namespace, {@code meridian-cluster-<cluster>}, that holds
 * the Works for that cluster and its heartbeat Lease. A pull agent needs rights in that one namespace
 * only.
 */
public final class Namespaces {

    private Namespaces() {}

    /**
     * Where the control plane keeps its own objects: leader-election Leases, credentials Secrets.
     */
    public static final String SYSTEM = "meridian-system";

    /** The prefix of every execution namespace. */
    public static final String EXECUTION_PREFIX = "meridian-cluster-";

    /**
     * The longest cluster name whose execution namespace is still a valid namespace name (a DNS label
     * of at most 63 characters).
     */
    public static final int MAX_CLUSTER_NAME_LENGTH = 63 - EXECUTION_PREFIX.length();

    /**
     * The execution namespace of {@code cluster}.
     *
     * @throws IllegalArgumentException if the cluster name is not a DNS label of at most {@link
     *     #MAX_CLUSTER_NAME_LENGTH} characters
     */
    public static String executionNamespace(String cluster) {
        if (!isValidClusterName(cluster)) {
            throw new IllegalArgumentException("cluster name '" + cluster + "' must be a DNS label of at most "
                    + MAX_CLUSTER_NAME_LENGTH + " characters");
        }
        return EXECUTION_PREFIX + cluster;
    }

    /** The cluster whose execution namespace {@code namespace} is, if it is one. */
    public static Optional<String> clusterOf(String namespace) {
        if (namespace == null || !namespace.startsWith(EXECUTION_PREFIX)) {
            return Optional.empty();
        }
        String cluster = namespace.substring(EXECUTION_PREFIX.length());
        return isValidClusterName(cluster) ? Optional.of(cluster) : Optional.empty();
    }

    /** Whether {@code namespace} is the execution namespace of some cluster. */
    public static boolean isExecutionNamespace(String namespace) {
        return clusterOf(namespace).isPresent();
    }

    /** Whether {@code name} can name a member cluster. */
    public static boolean isValidClusterName(String name) {
        return name != null
                && !name.isEmpty()
                && name.length() <= MAX_CLUSTER_NAME_LENGTH
                && name.matches(Patterns.DNS_LABEL);
    }
}
