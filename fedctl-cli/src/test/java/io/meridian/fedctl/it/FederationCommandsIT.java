package io.meridian.fedctl.it;

import static io.meridian.fedctl.CliRun.fedctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.names.TaintKeys;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.fedctl.CliRun;
import io.meridian.fedctl.ExitCodes;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import io.meridian.sandbox.etcd.FreePorts;
import io.meridian.sandbox.member.MemberClustersExtension;
import io.meridian.sandbox.member.SimulatedCluster;
import io.meridian.sandbox.process.Kubeconfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * fedctl run in this JVM against a real federation API server (on a real etcd) and a real simulated
 * member cluster, without a controller: joining, listing, cordoning and unjoining clusters, and every
 * failure a user meets (unreachable API or member, unknown kind, unknown cluster, an apply that times
 * out) as one line with the right exit code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationCommandsIT {

    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east");

    @RegisterExtension
    @org.junit.jupiter.api.Order(2)
    static final ApiServerExtension api = ApiServerExtension.on(etcd);

    @RegisterExtension
    @org.junit.jupiter.api.Order(3)
    static final MemberClustersExtension members =
            MemberClustersExtension.regions("eu-west").on(etcd);

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @TempDir
    static Path dir;

    static Path kubeconfig;
    static Path memberKubeconfig;
    static KubernetesClient client;

    @BeforeAll
    static void kubeconfigs() {
        kubeconfig = Kubeconfigs.write(dir.resolve("federation.kubeconfig"), "meridian", api.url());
        memberKubeconfig = members.cluster("eu-west").kubeconfig(dir.resolve("eu-west.kubeconfig"));
        client = SimulatedCluster.newClient(api.url());
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    private static CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--kubeconfig";
        all[args.length + 1] = kubeconfig.toString();
        return fedctl(all);
    }

    private static Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    @Order(1)
    void anUnreachableApiIsOneLineThatSaysWhatToCheck() {
        int port = FreePorts.next();
        Path dead = Kubeconfigs.write(dir.resolve("dead.kubeconfig"), "gone", "http://127.0.0.1:" + port);
        CliRun r = fedctl("get", "clusters", "--kubeconfig", dead.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine())
                .isEqualTo("error: cannot reach the federation API at http://127.0.0.1:" + port + " (context gone):"
                        + " connection refused; is it running? ('fedctl sandbox status' checks the local sandbox)"
                        + " Choose another with --kubeconfig or --context");
    }

    @Test
    @Order(2)
    void joinChecksTheMemberStoresItsCredentialsAndCreatesTheCluster() {
        CliRun r = fedctl(
                "join",
                "eu-west",
                "--kubeconfig",
                memberKubeconfig.toString(),
                "--region",
                "eu-west",
                "--zone",
                "eu-west-b",
                "--label",
                "tier=gold",
                "--federation-kubeconfig",
                kubeconfig.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("Cluster eu-west joined the federation.")
                .contains("Secret meridian-system/eu-west-credentials");

        Cluster cluster = client.resources(Cluster.class).withName("eu-west").get();
        assertThat(cluster.getSpec().region()).isEqualTo("eu-west");
        assertThat(cluster.getSpec().zone()).isEqualTo("eu-west-b");
        assertThat(cluster.getSpec().syncMode()).isEqualTo(SyncMode.PUSH);
        assertThat(cluster.getSpec().apiEndpoint())
                .isEqualTo(members.cluster("eu-west").apiUrl());
        assertThat(cluster.getSpec().secretRef().name()).isEqualTo("eu-west-credentials");
        assertThat(cluster.getMetadata().getLabels()).containsEntry("tier", "gold");

        Secret secret = client.secrets()
                .inNamespace("meridian-system")
                .withName("eu-west-credentials")
                .get();
        String stored = new String(Base64.getDecoder().decode(secret.getData().get("kubeconfig")));
        assertThat(stored)
                .contains("server: \"" + members.cluster("eu-west").apiUrl() + "\"")
                .contains("current-context: \"eu-west\"");
        assertThat(client.namespaces().withName("meridian-cluster-eu-west").get())
                .isNotNull();
    }

    @Test
    @Order(3)
    void joiningTwiceIsRefused() {
        CliRun r = fedctl(
                "join",
                "eu-west",
                "--kubeconfig",
                memberKubeconfig.toString(),
                "--region",
                "eu-west",
                "--federation-kubeconfig",
                kubeconfig.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine())
                .isEqualTo("error: cluster 'eu-west' has already joined (region eu-west); run 'fedctl unjoin eu-west'"
                        + " first, or choose another name");
    }

    @Test
    @Order(4)
    void aMemberThatCannotBeReachedIsNotJoined() {
        int port = FreePorts.next();
        Path dead = Kubeconfigs.write(dir.resolve("dead-member.kubeconfig"), "far", "http://127.0.0.1:" + port);
        CliRun r = fedctl(
                "join",
                "far",
                "--kubeconfig",
                dead.toString(),
                "--region",
                "ap-south",
                "--federation-kubeconfig",
                kubeconfig.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine())
                .startsWith("error: cannot reach cluster 'far' at http://127.0.0.1:" + port + " (context far in " + dead
                        + "): connection refused; check that its API server is up");
        assertThat(client.resources(Cluster.class).withName("far").get()).isNull();
    }

    @Test
    @Order(5)
    void getClustersForPeopleAndForScripts() throws IOException {
        CliRun table = run("get", "clusters");
        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.out().lines())
                .first()
                .isEqualTo("NAME      REGION    ZONE        READY     MODE   NODES   CPU   MEMORY   WORKLOADS   AGE");
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
                .startsWith("eu-west   eu-west   eu-west-b   Unknown   Push   -       -     -        0");
        assertThat(table.out()).doesNotContain("\u001b[");

        CliRun json = run("get", "clusters", "-o", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode list = new ObjectMapper().readTree(json.out());
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.path("items").get(0).path("spec").path("region").asText())
                .isEqualTo("eu-west");

        CliRun yaml = run("get", "clusters", "eu-west", "-o", "yaml");
        assertThat(yaml.exit()).as(yaml.toString()).isZero();
        assertThat(YAML.unmarshal(yaml.out(), Cluster.class).getSpec().zone()).isEqualTo("eu-west-b");
    }

    @Test
    @Order(6)
    void cordonAndUncordon() {
        CliRun cordon = run("cordon", "eu-west");
        assertThat(cordon.exit()).as(cordon.toString()).isZero();
        assertThat(cordon.out()).startsWith("cluster eu-west cordoned");
        assertThat(client.resources(Cluster.class)
                        .withName("eu-west")
                        .get()
                        .getSpec()
                        .taints())
                .anySatisfy(t -> assertThat(t.key()).isEqualTo(TaintKeys.UNSCHEDULABLE));
        assertThat(run("get", "clusters").out()).contains("Unknown,Cordoned");
        assertThat(run("cordon", "eu-west").out()).startsWith("cluster eu-west is already cordoned");

        CliRun uncordon = run("uncordon", "eu-west");
        assertThat(uncordon.exit()).isZero();
        assertThat(client.resources(Cluster.class)
                        .withName("eu-west")
                        .get()
                        .getSpec()
                        .taints())
                .noneSatisfy(t -> assertThat(t.key()).isEqualTo(TaintKeys.UNSCHEDULABLE));
    }

    @Test
    @Order(7)
    void anUnknownClusterIsOneLine() {
        for (String command : new String[] {"cordon", "uncordon", "unjoin"}) {
            CliRun r = run(command, "mars");
            assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
            assertThat(r.errorLine())
                    .isEqualTo("error: unknown cluster 'mars'; 'fedctl get clusters' lists the joined clusters");
        }
    }

    @Test
    @Order(8)
    void anUnknownKindIsOneLine() throws IOException {
        CliRun status = run("status", "widgets/w");
        assertThat(status.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(status.errorLine())
                .isEqualTo("error: unknown kind 'widgets': the federation API at " + api.url() + " (context meridian)"
                        + " serves no such resource ('kubectl api-resources' lists what it serves)");

        Path widget = file("widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
        CliRun apply = run("apply", "-f", widget.toString());
        assertThat(apply.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(apply.errorLine())
                .startsWith("error: " + widget + ":1: the federation API at")
                .contains("does not serve kind Widget of example.com/v1");
    }

    @Test
    @Order(9)
    void statusOfAnObjectThatDoesNotExist() {
        CliRun r = run("status", "deploy/nothing", "-n", "itest");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine())
                .isEqualTo(
                        "error: deployment 'nothing' not found in namespace 'itest'; check the name, or the namespace"
                                + " with -n");
    }

    @Test
    @Order(10)
    void aDryRunWritesNothingAndSaysWhyNoClusterFits() throws IOException {
        Path app = file("app.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: itest}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: itest}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: registry.example/web:1}]}
                """);
        CliRun r = run("apply", "-f", app.toString(), "--regions", "eu-west", "--dry-run");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("nothing is written")
                .contains("note: PropagationPolicy itest/web generated from --regions eu-west")
                .containsPattern("deployment/web +itest +PropagationPolicy itest/web +no cluster fits: 0/1 clusters"
                        + " are available: 1 not Ready \\(eu-west\\)");
        assertThat(client.apps()
                        .deployments()
                        .inNamespace("itest")
                        .withName("web")
                        .get())
                .isNull();
    }

    @Test
    @Order(11)
    void anApplyThatIsNotReadyInTimeExitsWithTheTimeoutCode() throws IOException {
        // no controller runs here: the Deployment is applied, and never bound
        Path app = dir.resolve("app.yaml");
        CliRun r = run("apply", "-f", app.toString(), "--regions", "eu-west", "--timeout", "3s");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(r.out())
                .contains("namespace/itest created")
                .contains("deployment/web created")
                .contains("propagationpolicy/web created")
                .contains("Waiting up to 3s for 1 workload(s)")
                .contains("deployment/web: Pending — not bound yet");
        assertThat(r.errorLine())
                .isEqualTo("error: not ready after 3s: deployment/web (Pending: not bound yet); see why with 'fedctl"
                        + " status deployment/web -n itest'");
        assertThat(client.apps()
                        .deployments()
                        .inNamespace("itest")
                        .withName("web")
                        .get())
                .isNotNull();

        CliRun again = run("apply", "-f", app.toString(), "--regions", "eu-west", "--no-wait");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("deployment/web unchanged");

        // for scripts: the document on stdout, the progress on stderr
        CliRun json = run("apply", "-f", app.toString(), "--regions", "eu-west", "--no-wait", "-o", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.path("objects").findValuesAsText("object"))
                .containsExactly("namespace/itest", "deployment/web", "propagationpolicy/web");
        assertThat(report.path("objects").findValuesAsText("action")).containsOnly("unchanged");
        assertThat(json.err()).contains("deployment/web unchanged");
    }

    @Test
    @Order(12)
    void anObjectTheApiRefusesNamesItsFile() throws IOException {
        Path orphan = file("orphan.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: nowhere}\n");
        CliRun r = run("apply", "-f", orphan.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.errorLine())
                .isEqualTo("error: " + orphan + ":1: ConfigMap nowhere/c was refused: namespaces \"nowhere\" not found;"
                        + " add the Namespace to the files, or create it first (kubectl create namespace nowhere)");
    }

    @Test
    @Order(13)
    void unjoinIsRefusedWhileWorkloadsArePlacedThere() throws IOException {
        client.resource(YAML.unmarshal("""
                        apiVersion: meridian.io/v1alpha1
                        kind: ResourceBinding
                        metadata: {name: web-deployment, namespace: itest}
                        spec:
                          resource: {apiVersion: apps/v1, kind: Deployment, namespace: itest, name: web}
                          replicas: 2
                          clusters: [{name: eu-west, replicas: 2}]
                        """, ResourceBinding.class)).create();

        CliRun refused = run("unjoin", "eu-west");
        assertThat(refused.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.errorLine())
                .isEqualTo("error: cluster eu-west still runs 1 workload(s) (Deployment itest/web); move them away and"
                        + " remove it with 'fedctl unjoin eu-west --drain', or change their policies first");
        assertThat(client.resources(Cluster.class).withName("eu-west").get()).isNotNull();

        CliRun status = run("status", "deployment/web", "-n", "itest");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out())
                .contains("Policy:    none")
                .containsPattern("eu-west +NotReady +2 +False +0/2 +Unknown");

        CliRun yaml = run("status", "deploy/web", "-n", "itest", "-o", "yaml");
        assertThat(yaml.exit()).as(yaml.toString()).isZero();
        assertThat(yaml.out())
                .containsPattern("kind: \"?Deployment\"?")
                .containsPattern("clusterState: \"?NotReady\"?");
    }

    @Test
    @Order(14)
    void unjoinRemovesTheClusterAndTheCredentialsJoinStored() {
        client.resources(ResourceBinding.class)
                .inNamespace("itest")
                .withName("web-deployment")
                .delete();
        CliRun r = run("unjoin", "eu-west");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .isEqualTo("Cluster eu-west has left the federation (Secret meridian-system/eu-west-credentials"
                        + " deleted).\n");
        assertThat(client.resources(Cluster.class).withName("eu-west").get()).isNull();
        assertThat(client.secrets()
                        .inNamespace("meridian-system")
                        .withName("eu-west-credentials")
                        .get())
                .isNull();
    }

    @Test
    @Order(15)
    void aPullModeMemberIsJoinedWithoutCredentialsAndToldHowToRunItsAgent() {
        CliRun r = fedctl(
                "join",
                "pulled",
                "--kubeconfig",
                memberKubeconfig.toString(),
                "--region",
                "eu-west",
                "--mode",
                "pull",
                "--federation-kubeconfig",
                kubeconfig.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("Cluster pulled joined the federation.")
                .contains("mode:         Pull: run the agent next to the member")
                .contains("--meridian.sync.cluster-name=pulled");
        Cluster cluster = client.resources(Cluster.class).withName("pulled").get();
        assertThat(cluster.getSpec().syncMode()).isEqualTo(SyncMode.PULL);
        assertThat(cluster.getSpec().secretRef()).isNull();
        assertThat(client.secrets()
                        .inNamespace("meridian-system")
                        .withName("pulled-credentials")
                        .get())
                .isNull();

        CliRun left = run("unjoin", "pulled");
        assertThat(left.exit()).as(left.toString()).isZero();
        assertThat(client.resources(Cluster.class).withName("pulled").get()).isNull();
    }
}
