package io.meridian.sandbox.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import io.meridian.sandbox.fault.FaultMode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Three simulated member clusters on one etcd ring, reached as member-sync and kubectl would reach them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberClustersIT {

    @RegisterExtension
    @Order(1)
    static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static final MemberClustersExtension members = MemberClustersExtension.regions("us-east", "eu-west", "ap-south")
            .on(etcd)
            .configure(b -> b.nodes(2).readinessDelay(Duration.ofMillis(300)));

    @TempDir
    static Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Order(1)
    void everyClusterServesItsOwnNodesThroughItsProxy() {
        assertThat(members.clusters())
                .extracting(SimulatedCluster::name)
                .containsExactly("us-east", "eu-west", "ap-south");
        for (SimulatedCluster c : members.clusters()) {
            try (KubernetesClient client = c.newProxiedClient()) {
                List<Node> nodes = client.nodes().list().getItems();
                assertThat(nodes)
                        .extracting(n -> n.getMetadata().getName())
                        .containsExactlyInAnyOrder(c.name() + "-node-1", c.name() + "-node-2");
                assertThat(nodes)
                        .allSatisfy(n -> assertThat(n.getMetadata().getLabels())
                                .containsEntry("topology.kubernetes.io/region", c.region())
                                .containsEntry("topology.kubernetes.io/zone", c.zone()));
            }
            assertThat(c.apiUrl()).isNotEqualTo(c.directUrl());
            assertThat(c.proxy().requests()).isPositive();
        }
    }

    @Test
    @Order(2)
    void kubectlWorksThroughTheWrittenKubeconfig() throws Exception {
        SimulatedCluster c = members.cluster("eu-west");
        Path kubeconfig = c.kubeconfig(dir.resolve("eu-west.kubeconfig"));

        Result nodes = kubectl(kubeconfig, "get", "nodes", "-o", "name");

        assertThat(nodes.exit()).as(nodes.output()).isZero();
        assertThat(nodes.output().lines()).containsExactlyInAnyOrder("node/eu-west-node-1", "node/eu-west-node-2");
        assertThat(kubectl(kubeconfig, "config", "current-context").output().strip())
                .isEqualTo("eu-west");
    }

    @Test
    @Order(3)
    void eachClusterKeepsItsOwnObjectsAndAddresses() {
        Set<String> addresses = new HashSet<>();
        for (SimulatedCluster c : members.clusters()) {
            KubernetesClient client = c.client();
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("only-" + c.name())
                            .endMetadata()
                            .build())
                    .create();
            client.services()
                    .inNamespace("default")
                    .resource(WorkloadSimulatorIT.service("web", "LoadBalancer"))
                    .create();
        }
        for (SimulatedCluster c : members.clusters()) {
            assertThat(c.client().namespaces().list().getItems())
                    .extracting(n -> n.getMetadata().getName())
                    .filteredOn(n -> n.startsWith("only-"))
                    .containsExactly("only-" + c.name());
            String ip = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> ingressIp(c.client()
                                    .services()
                                    .inNamespace("default")
                                    .withName("web")
                                    .get()),
                            a -> a != null);
            addresses.add(ip);
        }
        assertThat(addresses).hasSize(3);
    }

    @Test
    @Order(4)
    void aDownClusterRefusesWhileTheOthersServe() {
        SimulatedCluster down = members.cluster("eu-west");
        down.fail(FaultMode.DOWN);

        try (KubernetesClient client = noRetries(down.apiUrl())) {
            assertThatThrownBy(() -> client.nodes().list())
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(ConnectException.class));
        }
        assertThat(down.client().nodes().list().getItems())
                .as("the cluster itself is fine")
                .hasSize(2);
        for (String name : List.of("us-east", "ap-south")) {
            try (KubernetesClient client = members.cluster(name).newProxiedClient()) {
                assertThat(client.nodes().list().getItems()).hasSize(2);
            }
        }
    }

    @Test
    @Order(5)
    void faultsAreHealedBetweenTests() {
        assertThat(members.cluster("eu-west").proxy().mode()).isEqualTo(FaultMode.HEALTHY);
        try (KubernetesClient client = members.cluster("eu-west").newProxiedClient()) {
            assertThat(client.nodes().list().getItems()).hasSize(2);
        }
    }

    @Test
    @Order(6)
    void anErroringClusterAnswers503ToKubectlAndAPartitionedOneHangs() throws Exception {
        SimulatedCluster erroring = members.cluster("us-east");
        Path kubeconfig = erroring.kubeconfig(dir.resolve("us-east.kubeconfig"));
        erroring.fail(FaultMode.ERROR);

        Result result = kubectl(kubeconfig, "get", "nodes");
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("the server is currently unable to handle the request");

        SimulatedCluster partitioned = members.cluster("ap-south");
        partitioned.fail(FaultMode.PARTITION);
        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(URI.create(partitioned.apiUrl() + "/api/v1/nodes"))
                                .timeout(Duration.ofMillis(800))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        try (KubernetesClient client = members.cluster("eu-west").newProxiedClient()) {
            assertThat(client.nodes().list().getItems()).hasSize(2);
        }
    }

    @Test
    @Order(7)
    void aWatchThroughTheProxyIsCutWhenTheClusterStartsErroring() throws Exception {
        SimulatedCluster c = members.cluster("ap-south");
        HttpResponse<java.io.InputStream> watch = http.send(
                HttpRequest.newBuilder(URI.create(c.apiUrl() + "/api/v1/nodes?watch=true"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(watch.statusCode()).isEqualTo(200);
        try (java.io.InputStream events = watch.body()) {
            // The initial ADDED events arrive through the proxy.
            byte[] first = events.readNBytes(64);
            assertThat(new String(first, StandardCharsets.UTF_8)).contains("\"type\":\"ADDED\"");

            c.fail(FaultMode.ERROR);

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    return events.read(new byte[4096]) < 0;
                } catch (IOException e) {
                    return true;
                }
            });
        }
        HttpResponse<String> relist = http.send(
                HttpRequest.newBuilder(URI.create(c.apiUrl() + "/api/v1/nodes")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(relist.statusCode()).isEqualTo(503);
        assertThat(relist.body()).contains("\"kind\":\"Status\"", "\"code\":503");
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static KubernetesClient noRetries(String url) {
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                        .withMasterUrl(url)
                        .withRequestRetryBackoffLimit(0)
                        .withConnectionTimeout(2_000)
                        .build())
                .build();
    }

    private static String ingressIp(Service s) {
        if (s == null
                || s.getStatus() == null
                || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null
                || s.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return null;
        }
        return s.getStatus().getLoadBalancer().getIngress().getFirst().getIp();
    }

    private record Result(int exit, String output) {}

    private static Result kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--request-timeout=10s"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("kubectl (1.29 or newer) must be on the PATH for this test: " + e.getMessage());
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail("kubectl " + String.join(" ", args) + " did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("kubectl.log"),
                String.join(" ", cmd) + "\n" + out + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return new Result(p.exitValue(), out);
    }
}
