package io.meridian.fedctl;

import static io.meridian.fedctl.CliRun.fedctl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the command line refuses before it talks to any server: each refusal is one line that starts
 * with {@code error:}, says what to do, and exits non-zero without a stack trace.
 */
class CommandLineTest {

    @TempDir
    Path dir;

    /** A kubeconfig whose server nobody listens on: these tests must fail before connecting. */
    private Path kubeconfig() throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: fed
                  cluster: {server: "http://127.0.0.1:9"}
                contexts:
                - name: fed
                  context: {cluster: fed, user: me}
                users:
                - name: me
                  user: {token: t}
                current-context: fed
                """);
        return file;
    }

    @Test
    void applyWithoutFilesIsAUsageErrorOnOneLine() {
        CliRun r = fedctl("apply");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine())
                .startsWith("error: Missing required option: '--filename")
                .endsWith("(see 'fedctl apply --help')");
    }

    @Test
    void anUnknownOptionIsOneLine() {
        CliRun r = fedctl("get", "clusters", "--colour");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("Unknown option: '--colour'").contains("fedctl get clusters --help");
    }

    @Test
    void malformedWeightsShowTheExpectedForm() {
        CliRun r = fedctl("apply", "-f", "x.yaml", "--weights", "us-east:2");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("'us-east:2' is not NAME=WEIGHT (try --weights us-east=2,eu-west=1)");
    }

    @Test
    void badYamlNamesTheFileAndLineBeforeAnyConnection() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                   namespace: shop
                """);
        CliRun r = fedctl(
                "apply", "-f", bad.toString(), "--kubeconfig", kubeconfig().toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine())
                .startsWith("error: " + bad + ":5:")
                .contains("not valid YAML")
                .endsWith("fix the file and apply again");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingFileIsOneLine() {
        CliRun r = fedctl("apply", "-f", dir.resolve("nope.yaml").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine()).isEqualTo("error: " + dir.resolve("nope.yaml") + ": no such file or directory");
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "kind: [unclosed\n");
        CliRun r = fedctl("apply", "-f", bad.toString(), "--verbose");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errLines().getFirst()).startsWith("error: " + bad + ":");
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void aKubeconfigThatDoesNotExistSaysSo() throws IOException {
        Path deployment = dir.resolve("d.yaml");
        Files.writeString(deployment, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        Path missing = dir.resolve("missing-kubeconfig");
        CliRun r = fedctl("apply", "-f", deployment.toString(), "--kubeconfig", missing.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine()).isEqualTo("error: kubeconfig " + missing + " does not exist; check the path");
    }

    @Test
    void anUnknownContextListsTheContextsThereAre() throws IOException {
        CliRun r = fedctl("get", "clusters", "--kubeconfig", kubeconfig().toString(), "--context", "prod");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine()).contains("has no context 'prod' (it has: fed)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "deployment/", "/web", "a/b/c"})
    void statusWantsKindSlashName(String ref) throws IOException {
        CliRun r = fedctl("status", ref, "--kubeconfig", kubeconfig().toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine())
                .isEqualTo(
                        "error: '" + ref + "' is not KIND/NAME; try, for example, fedctl status" + " deployment/web");
    }

    @Test
    void joinRefusesANameThatCannotNameACluster() throws IOException {
        CliRun r = fedctl("join", "EU_West", "--kubeconfig", kubeconfig().toString(), "--region", "eu-west");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine()).contains("'EU_West' cannot name a cluster").contains("DNS label");
    }

    @Test
    void joinRefusesAnUnknownMode() throws IOException {
        CliRun r =
                fedctl("join", "eu", "--kubeconfig", kubeconfig().toString(), "--region", "eu-west", "--mode", "both");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("'both' is not a mode (push or pull)");
    }

    @Test
    void aBadTimeoutIsRefused() {
        CliRun r = fedctl("apply", "-f", "x.yaml", "--timeout", "soon");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("'soon' is not a duration (try 90s, 2m or 1h)");
    }

    @Test
    void theOutputFormatIsJsonOrYaml() {
        CliRun r = fedctl("get", "clusters", "-o", "wide");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("-o").contains("json, yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"join", "unjoin", "apply", "get clusters", "status", "cordon", "uncordon", "completion"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");
        CliRun r = fedctl(args);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: fedctl " + command);
    }

    @Test
    void bashCompletionKnowsTheCommandsAndOptions() {
        CliRun r = fedctl("completion", "bash");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("complete -F _complete_fedctl")
                .contains("apply")
                .contains("cordon")
                .contains("--dry-run")
                .contains("--weights");
    }

    @Test
    void zshCompletionLoadsBashCompatibility() {
        CliRun r = fedctl("completion", "zsh");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("autoload -U +X compinit").contains("bashcompinit");
    }
}
