package io.meridian.fedctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FedctlTest {

    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int exit = Fedctl.run(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void statusOfASandboxThatIsNotRunningSaysHowToStartIt() {
        Run r = run("sandbox", "status", "--home", home.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("not running").contains("fedctl sandbox up");
    }

    @Test
    void downWithNothingRunningIsHarmless() {
        Run r = run("sandbox", "down", "--home", home.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("not running");
    }

    @Test
    void anUnknownCommandIsOneReadableLineAndANonZeroExit() {
        Run r = run("sandbox", "explode");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("Unmatched argument").doesNotContain("Exception");
    }

    @Test
    void aBadDurationIsRefusedWithAHint() {
        Run r = run("sandbox", "up", "--home", home.toString(), "--timeout", "soon");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("'soon' is not a duration");
        assertThat(Files.exists(home.resolve("state.properties"))).isFalse();
    }

    @Test
    void versionIsPrinted() {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("fedctl ");
    }
}
