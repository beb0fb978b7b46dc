package io.meridian.sandbox.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EtcdRingIT {

    @RegisterExtension
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    private final EtcdRing ringFromConstructor;

    EtcdRingIT(EtcdRing ring) {
        this.ringFromConstructor = ring;
    }

    @AfterEach
    void restoreRing() {
        etcd.ensureAllRunning();
    }

    @Test
    void startsOneHealthyMemberPerRegionWithOneLeader(EtcdRing ring) {
        assertThat(ring).isSameAs(etcd.ring()).isSameAs(ringFromConstructor);
        assertThat(ring.members()).extracting(EtcdMember::name).containsExactly("us-east", "eu-west", "ap-south");
        assertThat(etcd.endpoints())
                .hasSize(3)
                .doesNotHaveDuplicates()
                .allSatisfy(url -> assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+"));
        assertThat(ring.members()).allSatisfy(member -> {
            assertThat(member.isRunning()).isTrue();
            assertThat(member.isHealthy()).isTrue();
            assertThat(member.peerUrl()).isNotEqualTo(member.clientUrl());
            assertThat(ProcessHandle.of(member.pid()))
                    .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        });
        assertThat(ring.members().stream().filter(EtcdMember::isLeader)).hasSize(1);
        assertThat(ring.leader()).isPresent();
    }

    @Test
    void aKeyWrittenThroughOneMemberIsReadThroughAnother(EtcdRing ring) throws Exception {
        try (MemberKv usEast = MemberKv.on(ring.member("us-east"));
                MemberKv apSouth = MemberKv.on(ring.member("ap-south"))) {
            usEast.put("/test/greeting", "hello from us-east");

            assertThat(apSouth.get("/test/greeting")).contains("hello from us-east");
        }
    }

    @Test
    void killingTheLeaderElectsAnotherAndTheRestartedMemberCatchesUp(EtcdRing ring) throws Exception {
        EtcdMember oldLeader = ring.leader().orElseThrow();
        long oldPid = oldLeader.pid();

        oldLeader.kill();

        assertThat(oldLeader.isRunning()).isFalse();
        assertThat(ProcessHandle.of(oldPid).filter(ProcessHandle::isAlive)).isEmpty();
        EtcdMember newLeader = await().atMost(Duration.ofSeconds(10))
                .until(
                        ring::leader,
                        leader -> leader.filter(m -> m != oldLeader).isPresent())
                .orElseThrow();
        EtcdMember survivor = ring.members().stream()
                .filter(m -> m != oldLeader)
                .filter(m -> m != newLeader)
                .findFirst()
                .orElseThrow();
        try (MemberKv kv = MemberKv.on(survivor)) {
            kv.put("/test/written-while-down", "by " + survivor.name());
        }

        oldLeader.restart();

        assertThat(oldLeader.isHealthy()).isTrue();
        assertThat(oldLeader.pid()).isNotEqualTo(oldPid);
        try (MemberKv restarted = MemberKv.on(oldLeader)) {
            assertThat(restarted.getLocal("/test/written-while-down")).contains("by " + survivor.name());
        }
    }

    @Test
    void stoppingTheLeaderEndsItsProcessAndTheOthersGoOn(EtcdRing ring) throws Exception {
        EtcdMember oldLeader = ring.leader().orElseThrow();
        long oldPid = oldLeader.pid();

        oldLeader.stop();

        assertThat(ProcessHandle.of(oldPid).filter(ProcessHandle::isAlive)).isEmpty();
        await().atMost(Duration.ofSeconds(10))
                .until(
                        ring::leader,
                        leader -> leader.filter(m -> m != oldLeader).isPresent());
        EtcdMember other = ring.leader().orElseThrow();
        try (MemberKv kv = MemberKv.on(other)) {
            kv.put("/test/after-stop", "ok");
            assertThat(kv.get("/test/after-stop")).contains("ok");
        }
    }

    @Test
    void writesFailWithoutQuorumAndSucceedOnceItIsBack(EtcdRing ring) throws Exception {
        EtcdMember usEast = ring.member("us-east");
        EtcdMember euWest = ring.member("eu-west");
        EtcdMember apSouth = ring.member("ap-south");
        usEast.kill();
        euWest.kill();

        try (MemberKv lonely = MemberKv.on(apSouth)) {
            CompletableFuture<?> write = lonely.putAsync("/test/quorum", "lost");
            try {
                assertThatThrownBy(() -> write.get(2, TimeUnit.SECONDS))
                        .isInstanceOfAny(TimeoutException.class, ExecutionException.class);
            } finally {
                write.cancel(true);
            }
            assertThat(ring.leader()).isEmpty();
            assertThat(apSouth.isHealthy()).isFalse();

            // The first restart brings quorum back, so it waits until that member is healthy.
            usEast.restart();
            assertThat(usEast.isHealthy()).isTrue();
            euWest.restart();

            lonely.put("/test/quorum", "restored");
            assertThat(lonely.get("/test/quorum")).contains("restored");
        }
        try (MemberKv restarted = MemberKv.on(euWest)) {
            assertThat(restarted.get("/test/quorum")).contains("restored");
        }
    }

    @Test
    void aRestartWithoutQuorumWaitsOnlyUntilTheMemberListens(EtcdRing ring) throws Exception {
        try (MemberKv kv = MemberKv.on(ring.member("eu-west"))) {
            kv.put("/test/before-blackout", "kept");
        }
        List<EtcdMember> members = ring.members();
        members.forEach(EtcdMember::kill);
        assertThat(members).noneMatch(EtcdMember::isRunning);

        EtcdMember first = ring.member("us-east");
        first.restart();

        assertThat(first.isRunning()).isTrue();
        assertThat(EtcdHttp.listens(first.clientPort())).isTrue();
        assertThat(first.isHealthy()).isFalse();
        assertThat(ring.leader()).isEmpty();

        etcd.ensureAllRunning();

        assertThat(ring.members()).allMatch(EtcdMember::isHealthy);
        assertThat(ring.leader()).isPresent();
        try (MemberKv kv = MemberKv.on(first)) {
            assertThat(kv.get("/test/before-blackout")).isEqualTo(Optional.of("kept"));
        }
    }
}
