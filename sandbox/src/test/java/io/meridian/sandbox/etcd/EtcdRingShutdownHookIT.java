package io.meridian.sandbox.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EtcdRingShutdownHookIT {

    @Test
    void aJvmThatDiesWithoutClosingItsRingLeavesNoEtcdBehind() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), AbandonedRing.class.getName())
                .redirectErrorStream(true)
                .start();
        List<Long> pids = new ArrayList<>();
        Path root = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                if (line.startsWith("pid ")) {
                    pids.add(Long.parseLong(line.substring(4)));
                } else if (line.startsWith("root ")) {
                    root = Path.of(line.substring(5));
                }
            }
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }

        assertThat(child.exitValue()).as("exit of %s", output).isNotZero();
        assertThat(pids).as("pids printed in %s", output).hasSize(2);
        assertThat(pids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                        .isEmpty());
        assertThat(root).isNotNull().doesNotExist();
    }
}
