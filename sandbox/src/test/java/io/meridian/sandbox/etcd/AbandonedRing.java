package io.meridian.sandbox.etcd;

import java.time.Duration;

/**
 * Run in a child JVM by {@link EtcdRingShutdownHookIT}: starts a ring, prints its pids and data root, and dies of an
 * uncaught exception without closing it, as a crashed test run would.
 */
final class AbandonedRing {

    private AbandonedRing() {}

    public static void main(String[] args) {
        EtcdRing ring = EtcdRing.builder()
                .regions("us-east", "eu-west")
                .heartbeatInterval(Duration.ofMillis(50))
                .electionTimeout(Duration.ofMillis(500))
                .start();
        for (EtcdMember member : ring.members()) {
            System.out.println("pid " + member.pid());
        }
        System.out.println("root " + ring.dataRoot());
        System.out.flush();
        throw new IllegalStateException("the test run crashes here, leaving the ring open");
    }
}
