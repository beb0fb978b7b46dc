package io.meridian.fedctl.rollout;

/** Where a federated object's rollout stands. */
public enum Phase {
    /** No binding yet: no policy selected it, or the controller has not seen it. */
    PENDING("Pending"),
    /** The scheduler found no cluster for it. */
    UNSCHEDULABLE("Unschedulable"),
    /** A member refused it, or it collides with an object Meridian does not manage. */
    FAILED("Failed"),
    /** Placed; members are applying it or waiting for it to become ready. */
    PROGRESSING("Progressing"),
    /**
     * Placed in a cluster that is not Ready: what runs there is unknown until the cluster comes back
     * or the policy's failover moves the replicas away.
     */
    DEGRADED("Degraded"),
    /** Applied and healthy in every cluster it is placed in. */
    READY("Ready");

    private final String text;

    Phase(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
