package io.meridian.membersync.resilience;

/**
 * A member cluster did not answer: its circuit is open, its bulkhead is full, or the call timed
 * out. The work queue retries later; nothing else is slowed down.
 */
public final class MemberUnavailableException extends RuntimeException {

    private final String cluster;

    public MemberUnavailableException(String cluster, String message, Throwable cause) {
        super("member cluster " + cluster + " is unavailable: " + message, cause);
        this.cluster = cluster;
    }

    public String cluster() {
        return cluster;
    }
}
