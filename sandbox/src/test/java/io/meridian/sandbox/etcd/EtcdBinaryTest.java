package io.meridian.sandbox.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdBinaryTest {

    @TempDir
    Path tmp;

    @Test
    void withoutEtcdOnThePathTheMessageSaysHowToInstallIt() throws IOException {
        Path emptyDir = Files.createDirectory(tmp.resolve("bin"));

        assertThatThrownBy(() -> EtcdBinary.resolve(null, Map.of("PATH", emptyDir + ":/nonexistent")))
                .isInstanceOf(EtcdRingException.class)
                .hasMessage("etcd not found on PATH: install it with 'sudo apt-get install -y etcd-server"
                        + " etcd-client' (Debian/Ubuntu), or set MERIDIAN_ETCD_BIN to the etcd binary");
    }

    @Test
    void findsAnExecutableEtcdOnThePath() throws IOException {
        Path first = Files.createDirectory(tmp.resolve("first"));
        Path second = Files.createDirectory(tmp.resolve("second"));
        Files.writeString(first.resolve("etcd"), "not executable");
        Path etcd = executable(second.resolve("etcd"));

        assertThat(EtcdBinary.resolve(null, Map.of("PATH", first + ":" + second)))
                .isEqualTo(etcd);
    }

    @Test
    void theEnvironmentVariableWinsOverThePath() throws IOException {
        Path onPath = executable(Files.createDirectory(tmp.resolve("bin")).resolve("etcd"));
        Path chosen = executable(tmp.resolve("etcd-3.4"));

        assertThat(EtcdBinary.resolve(
                        null, Map.of("PATH", onPath.getParent().toString(), "MERIDIAN_ETCD_BIN", chosen.toString())))
                .isEqualTo(chosen);
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentVariable() throws IOException {
        Path fromEnv = executable(tmp.resolve("from-env"));
        Path fromProperty = executable(tmp.resolve("from-property"));

        assertThat(EtcdBinary.resolve(fromProperty.toString(), Map.of("MERIDIAN_ETCD_BIN", fromEnv.toString())))
                .isEqualTo(fromProperty);
    }

    @Test
    void aWrongEnvironmentVariableIsReportedNotSkipped() throws IOException {
        Path onPath = executable(Files.createDirectory(tmp.resolve("bin")).resolve("etcd"));

        assertThatThrownBy(() -> EtcdBinary.resolve(
                        null, Map.of("PATH", onPath.getParent().toString(), "MERIDIAN_ETCD_BIN", "/opt/etcd/etcdd")))
                .isInstanceOf(EtcdRingException.class)
                .hasMessage("MERIDIAN_ETCD_BIN names '/opt/etcd/etcdd', which is not an executable file: point it"
                        + " at the etcd binary, or unset it and install it with 'sudo apt-get install -y"
                        + " etcd-server etcd-client' (Debian/Ubuntu)");
    }

    private static Path executable(Path path) throws IOException {
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
