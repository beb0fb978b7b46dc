package io.meridian.controller.scheduling;

import io.fabric8.kubernetes.api.model.Quantity;
import io.meridian.api.model.cluster.ResourceSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * How many more replicas of a workload fit in a cluster: for every resource a replica requests,
 * the free amount ({@code allocatable - allocated}) divided by the request, rounded down, and the
 * smallest of these. Each replica is one pod, so a cluster that reports allocatable {@code pods}
 * also limits by its free pod slots. A resource the cluster does not report leaves no room; a
 * cluster that reports nothing at all has room for none. With no request and no pod count, the
 * room is unlimited ({@link #UNLIMITED}).
 */
public final class ReplicaCapacity {

    /** Room for any number of replicas. */
    public static final long UNLIMITED = Integer.MAX_VALUE;

    private static final String PODS = "pods";

    private ReplicaCapacity() {}

    /** How many replicas requesting {@code perReplica} fit in the free part of {@code summary}. */
    public static long replicasThatFit(ResourceSummary summary, Map<String, Quantity> perReplica) {
        if (summary == null) {
            return 0;
        }
        long fit = UNLIMITED;
        boolean podsRequested = false;
        for (Map.Entry<String, Quantity> request : perReplica.entrySet()) {
            BigDecimal amount = request.getValue().getNumericalAmount();
            if (amount.signum() <= 0) {
                continue;
            }
            podsRequested |= PODS.equals(request.getKey());
            fit = Math.min(fit, fit(free(summary, request.getKey()), amount));
        }
        if (!podsRequested && summary.allocatable().containsKey(PODS)) {
            fit = Math.min(fit, fit(free(summary, PODS), BigDecimal.ONE));
        }
        return fit;
    }

    private static BigDecimal free(ResourceSummary summary, String resource) {
        Quantity allocatable = summary.allocatable().get(resource);
        if (allocatable == null) {
            return BigDecimal.ZERO;
        }
        Quantity allocated = summary.allocated().get(resource);
        BigDecimal free = allocatable.getNumericalAmount();
        return allocated == null ? free : free.subtract(allocated.getNumericalAmount());
    }

    private static long fit(BigDecimal free, BigDecimal perReplica) {
        if (free.signum() <= 0) {
            return 0;
        }
        BigDecimal replicas = free.divide(perReplica, 0, RoundingMode.FLOOR);
        return replicas.compareTo(BigDecimal.valueOf(UNLIMITED)) >= 0 ? UNLIMITED : replicas.longValueExact();
    }
}
