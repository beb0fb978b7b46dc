package io.meridian.sandbox.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdRingBuilderTest {

    @Test
    void anElectionTimeoutBelowFiveHeartbeatsIsRefusedBeforeEtcdRuns() {
        assertThatThrownBy(() -> EtcdRing.builder()
                        .regions("us-east")
                        .heartbeatInterval(Duration.ofMillis(100))
                        .electionTimeout(Duration.ofMillis(400))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least five times heartbeatInterval");
    }

    @Test
    void memberNamesMustBeUsableInEtcdFlagsAndDirectories() {
        assertThatThrownBy(
                        () -> EtcdRing.builder().regions("us-east", "eu=west").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'eu=west'");
        assertThatThrownBy(
                        () -> EtcdRing.builder().regions("us-east", "us-east").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> EtcdRing.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one region");
    }

    @Test
    void anUnstartedRingHasNoMembersYet() {
        EtcdRing ring = EtcdRing.builder().members(3).build();

        assertThatThrownBy(ring::members)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start()");
        ring.close();
    }

    @Test
    void readsLeaderAndMemberIdFromTheGatewaysStatus() {
        // As etcd 3.4.23 answers POST /v3/maintenance/status.
        String leader = "{\"header\":{\"cluster_id\":\"15118495548433857066\",\"member_id\":\"13668033151171901709\","
                + "\"revision\":\"1\",\"raft_term\":\"2\"},\"version\":\"3.4.23\",\"dbSize\":\"20480\","
                + "\"leader\":\"13668033151171901709\",\"raftIndex\":\"5\",\"raftTerm\":\"2\"}";
        String follower = leader.replace("\"leader\":\"13668033151171901709\"", "\"leader\":\"42\"");
        String leaderless = leader.replace("\"leader\":\"13668033151171901709\",", "");

        assertThat(EtcdHttp.parseStatus(leader))
                .hasValueSatisfying(s -> assertThat(s.isLeader()).isTrue());
        assertThat(EtcdHttp.parseStatus(follower))
                .hasValueSatisfying(s -> assertThat(s.isLeader()).isFalse());
        assertThat(EtcdHttp.parseStatus(leaderless)).hasValueSatisfying(s -> {
            assertThat(s.isLeader()).isFalse();
            assertThat(s.leaderId()).isEqualTo(Optional.empty());
        });
        assertThat(EtcdHttp.parseStatus("{\"error\":\"etcdserver: request timed out\"}"))
                .isEmpty();
    }
}
