package io.meridian.sandbox.member;

/**
 * An amount of schedulable resources: CPU in millicores, memory in bytes, and pods. The simulator reports three of
 * them ({@link WorkloadSimulator#allocatable()}, {@link WorkloadSimulator#requested()},
 * {@link WorkloadSimulator#available()}) so that a scheduler dividing replicas by free capacity has numbers to divide
 * by.
 */
public record Capacity(long milliCpu, long memoryBytes, long pods) {

    public static final Capacity ZERO = new Capacity(0, 0, 0);

    public Capacity plus(Capacity other) {
        return new Capacity(milliCpu + other.milliCpu, memoryBytes + other.memoryBytes, pods + other.pods);
    }

    public Capacity times(long n) {
        return new Capacity(milliCpu * n, memoryBytes * n, pods * n);
    }

    /** This minus {@code other}, never below zero. */
    public Capacity minus(Capacity other) {
        return new Capacity(
                Math.max(0, milliCpu - other.milliCpu),
                Math.max(0, memoryBytes - other.memoryBytes),
                Math.max(0, pods - other.pods));
    }
}
