package io.meridian.sandbox.member;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * The size of one simulated node, as Kubernetes quantities ({@code "8"}, {@code "32Gi"}, {@code 110} pods). Capacity
 * and allocatable are the same: no system reservation is simulated.
 */
public record NodeShape(String cpu, String memory, int pods) {

    /** 8 CPUs, 32 GiB, 110 pods: a common general-purpose node. */
    public static final NodeShape DEFAULT = new NodeShape("8", "32Gi", 110);

    public NodeShape {
        // Fail at configuration time rather than when the first node is written.
        new Quantity(cpu).getNumericalAmount();
        new Quantity(memory).getNumericalAmount();
        if (pods <= 0) {
            throw new IllegalArgumentException("a node holds at least one pod, not " + pods);
        }
    }

    Map<String, Quantity> quantities() {
        return Map.of(
                "cpu", new Quantity(cpu),
                "memory", new Quantity(memory),
                "pods", new Quantity(Integer.toString(pods)),
                "ephemeral-storage", new Quantity("100Gi"));
    }

    Capacity capacity() {
        return new Capacity(PodTemplates.milliCpu(new Quantity(cpu)), PodTemplates.bytes(new Quantity(memory)), pods);
    }
}
