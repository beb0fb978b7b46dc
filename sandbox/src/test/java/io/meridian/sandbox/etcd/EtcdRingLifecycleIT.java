package io.meridian.sandbox.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdRingLifecycleIT {

    @TempDir
    Path tmp;

    private static EtcdRing.Builder fastRing() {
        return EtcdRing.builder()
                .regions("us-east", "eu-west", "ap-south")
                .heartbeatInterval(Duration.ofMillis(50))
                .electionTimeout(Duration.ofMillis(500))
                .logDir(Path.of("target", "etcd-logs", EtcdRingLifecycleIT.class.getSimpleName()));
    }

    @Test
    void closeLeavesNoProcessAndNoDataDirectoryBehind() {
        EtcdRing ring = fastRing().start();
        List<Long> pids = ring.members().stream().map(EtcdMember::pid).toList();
        Path root = ring.dataRoot();
        assertThat(root.resolve("data/us-east/member/wal")).isDirectory();

        ring.close();
        ring.close();

        assertThat(pids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                        .isEmpty());
        assertThat(ring.members()).noneMatch(EtcdMember::isRunning);
        assertThat(root).doesNotExist();
        assertThatThrownBy(() -> ring.member("us-east").restart())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aRingOnAGivenDataRootResumesWithItsPortsAndData() throws Exception {
        Path root = tmp.resolve("sandbox-etcd");
        List<String> firstEndpoints;
        try (EtcdRing first = fastRing().dataRoot(root).start()) {
            firstEndpoints = first.endpoints();
            try (MemberKv kv = MemberKv.on(first.member("eu-west"))) {
                kv.put("/test/durable", "survives the ring");
            }
        }
        assertThat(root.resolve("ring.properties")).isRegularFile();
        assertThat(root.resolve("data/eu-west/member/wal")).isDirectory();

        try (EtcdRing second = fastRing().dataRoot(root).start()) {
            assertThat(second.endpoints()).isEqualTo(firstEndpoints);
            try (MemberKv kv = MemberKv.on(second.member("ap-south"))) {
                assertThat(kv.get("/test/durable")).contains("survives the ring");
            }
        }
        assertThat(root).isDirectory();
    }

    @Test
    void aDataRootOfAnotherRingIsRefused() {
        Path root = tmp.resolve("two-regions");
        try (EtcdRing ring =
                fastRing().regions("us-east", "eu-west").dataRoot(root).start()) {
            assertThat(ring.members()).hasSize(2);
        }

        assertThatThrownBy(() -> fastRing().dataRoot(root).start())
                .isInstanceOf(EtcdRingException.class)
                .hasMessageContaining("holds a ring of [us-east, eu-west], not [us-east, eu-west, ap-south]");
    }

    @Test
    void aMissingBinaryFailsFastSayingWhatToDo() {
        Path missing = tmp.resolve("no-such-etcd");

        assertThatThrownBy(() -> fastRing().etcdBinary(missing).start())
                .isInstanceOf(EtcdRingException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not an executable file")
                .hasMessageContaining("sudo apt-get install -y etcd-server etcd-client");
    }

    @Test
    void aMemberThatExitsFailsTheStartWithTheEndOfItsLog() throws IOException {
        Path fake = script("failing-etcd", "echo \"listen tcp: address already in use\"\nexit 3\n");

        assertThatThrownBy(() -> fastRing().etcdBinary(fake).start())
                .isInstanceOf(EtcdRingException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("last lines of")
                .hasMessageContaining("listen tcp: address already in use");
    }

    @Test
    void aRingThatNeverGetsHealthyFailsAtTheDeadlineAndIsKilled() throws IOException {
        Path pidFile = tmp.resolve("pids");
        Path fake = script("silent-etcd", "echo $$ >> '" + pidFile + "'\necho 'waiting for peers'\nexec sleep 60\n");

        assertThatThrownBy(() -> fastRing()
                        .etcdBinary(fake)
                        .startTimeout(Duration.ofSeconds(1))
                        .start())
                .isInstanceOf(EtcdRingException.class)
                .hasMessageContaining("did not become healthy within PT1S")
                .hasMessageContaining("waiting for peers");
        List<Long> pids =
                Files.readAllLines(pidFile).stream().map(Long::parseLong).toList();
        assertThat(pids)
                .hasSize(3)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                        .isEmpty());
    }

    private Path script(String name, String body) throws IOException {
        Path script = tmp.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
