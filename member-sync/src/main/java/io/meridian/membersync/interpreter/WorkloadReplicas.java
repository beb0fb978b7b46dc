package io.meridian.membersync.interpreter;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a workload asks of the clusters it runs on: its desired replicas and what one replica
 * requests, for the scheduler to divide replicas by available capacity.
 *
 * @param replicas the desired replicas (Deployment, StatefulSet, ReplicaSet: {@code spec.replicas};
 *     Job: {@code spec.parallelism}; Pod: 1), with the API server's default of 1 when unset
 * @param requestsPerReplica what one replica's pod requests, by resource name ({@code cpu},
 *     {@code memory}, {@code ephemeral-storage}, extended resources), computed as the kubelet and
 *     scheduler do: the sum over containers and restartable (sidecar) init containers, at least the
 *     largest other init container, plus the pod overhead; a limit stands for a missing request.
 *     Empty when the pod template requests nothing.
 */
public record WorkloadReplicas(int replicas, Map<String, Quantity> requestsPerReplica) {

    public WorkloadReplicas {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas);
        }
        requestsPerReplica = requestsPerReplica == null || requestsPerReplica.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(requestsPerReplica));
    }

    /** What one replica requests of {@code resource}. */
    public Optional<Quantity> request(String resource) {
        return Optional.ofNullable(requestsPerReplica.get(resource));
    }

    /** The CPU one replica requests. */
    public Optional<Quantity> cpu() {
        return request("cpu");
    }

    /** The memory one replica requests. */
    public Optional<Quantity> memory() {
        return request("memory");
    }
}
