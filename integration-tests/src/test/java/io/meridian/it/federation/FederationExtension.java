package io.meridian.it.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.SecretReference;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.Work;
import io.meridian.it.apiserver.kubectl.Kubectl;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.controller.ControllerProcess;
import io.meridian.sandbox.member.MemberClustersExtension;
import io.meridian.sandbox.member.SimulatedCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The federation the end-to-end suites run against, for one test class: on the API server of an
 * {@link ApiServerExtension} and the member clusters of a {@link MemberClustersExtension} (both
 * registered before it), two {@code meridian-controller} processes that elect a leader, and every
 * member joined in push mode as {@code fedctl join} joins one (a Cluster, its execution namespace,
 * a credentials Secret with a kubeconfig). Before all tests it waits until every cluster is Ready.
 *
 * <p>After each test it heals every member, starts again a controller a test killed, and waits
 * until every cluster is Ready again, so that no fault leaks into the next test. Objects stay:
 * each test works in its own namespace.
 */
public final class FederationExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    /** How long the federation may take to converge after a change, on a busy two-core machine. */
    public static final Duration CONVERGE = Duration.ofSeconds(90);

    private final ApiServerExtension api;
    private final MemberClustersExtension members;
    private final List<ControllerProcess> controllers = new ArrayList<>();
    private KubernetesClient client;
    private Kubectl kubectl;
    private Path workDir;

    private FederationExtension(ApiServerExtension api, MemberClustersExtension members) {
        this.api = api;
        this.members = members;
    }

    public static FederationExtension on(ApiServerExtension api, MemberClustersExtension members) {
        return new FederationExtension(api, members);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Fail at once, before minutes of start-up, when the real kubectl is missing.
        Kubectl.requireOnPath();
        String suite = context.getRequiredTestClass().getSimpleName();
        workDir = Path.of("target", "federation-e2e", suite).toAbsolutePath();
        client = client(api.url());
        kubectl = Kubectl.forServer(api.server(), workDir.resolve("kubectl"));
        startControllers(suite);
        for (SimulatedCluster member : members.clusters()) {
            join(member, SyncMode.PUSH);
        }
        awaitClustersReady();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // The member extension heals after this callback has run; the wait below needs it now.
        members.healAll();
        for (ControllerProcess controller : controllers) {
            if (!controller.isRunning()) {
                controller.start();
            }
        }
        awaitClustersReady();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (ControllerProcess controller : controllers) {
            controller.close();
        }
        controllers.clear();
        if (client != null) {
            client.close();
        }
    }

    /** A client of the federation API, shared by the tests of the class. */
    public KubernetesClient client() {
        return client;
    }

    /** The real kubectl against the federation API. */
    public Kubectl kubectl() {
        return kubectl;
    }

    /** The real kubectl against {@code member}'s API server itself (not through its fault proxy). */
    public Kubectl kubectl(SimulatedCluster member) {
        return Kubectl.forServer(member.apiServer(), workDir.resolve("kubectl-" + member.name()));
    }

    /** A directory of the suite's own for files (kubeconfigs, manifests). */
    public Path workDir() {
        return workDir;
    }

    public List<ControllerProcess> controllers() {
        return List.copyOf(controllers);
    }

    /** The identity in the controller Lease, if any. */
    public Optional<String> leaseHolder() {
        Lease lease = client.leases()
                .inNamespace(Namespaces.SYSTEM)
                .withName(ResourceNames.CONTROLLER_LEASE)
                .get();
        return Optional.ofNullable(lease)
                .map(l -> l.getSpec().getHolderIdentity())
                .filter(h -> !h.isEmpty());
    }

    /** The controller process that holds the Lease; waits for one to. */
    public ControllerProcess leader() {
        return await().atMost(CONVERGE)
                .until(
                        () -> leaseHolder()
                                .flatMap(holder -> controllers.stream()
                                        .filter(c -> c.identity().equals(holder) && c.isRunning())
                                        .findFirst()),
                        Optional::isPresent)
                .orElseThrow();
    }

    /**
     * Joins {@code member} as {@code fedctl join} would: the execution namespace, a credentials Secret
     * holding a kubeconfig for the member's (proxied) endpoint, and the Cluster in the member's region.
     * In pull mode the agent of the cluster does the syncing, so no credentials are stored.
     */
    public void join(SimulatedCluster member, SyncMode mode) {
        for (String namespace : List.of(Namespaces.SYSTEM, Namespaces.executionNamespace(member.name()))) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(namespace)
                            .endMetadata()
                            .build())
                    .serverSideApply();
        }
        ClusterSpec.Builder spec = ClusterSpec.builder()
                .region(member.region())
                .zone(member.zone())
                .apiEndpoint(member.apiUrl())
                .syncMode(mode);
        if (mode == SyncMode.PUSH) {
            String secret = member.name() + "-credentials";
            client.secrets()
                    .inNamespace(Namespaces.SYSTEM)
                    .resource(new SecretBuilder()
                            .withNewMetadata()
                            .withName(secret)
                            .endMetadata()
                            .addToData("kubeconfig", base64(kubeconfig(member)))
                            .build())
                    .serverSideApply();
            spec.secretRef(new SecretReference(Namespaces.SYSTEM, secret));
        }
        Cluster cluster = new Cluster(member.name(), spec.build());
        cluster.getMetadata().setLabels(Map.of("region", member.region()));
        client.resource(cluster).create();
    }

    /** The member cluster called {@code name}. */
    public SimulatedCluster member(String name) {
        return members.cluster(name);
    }

    /** {@code namespace/name} as the member {@code cluster} holds it, read from its API server itself; null if absent. */
    public Deployment memberDeployment(String cluster, String namespace, String name) {
        return member(cluster)
                .client()
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** The replicas of the member's copy, -1 when it has none. */
    public int memberReplicas(String cluster, String namespace, String name) {
        Deployment d = memberDeployment(cluster, namespace, name);
        return d == null ? -1 : d.getSpec().getReplicas();
    }

    /** The replicas of each member's copy of {@code namespace/name}, in the members' order; -1 where there is none. */
    public Map<String, Integer> memberReplicas(String namespace, String name) {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        for (SimulatedCluster member : members.clusters()) {
            replicas.put(member.name(), memberReplicas(member.name(), namespace, name));
        }
        return replicas;
    }

    /** The value of the environment variable {@code variable} in the member's copy; null without copy or variable. */
    public String memberEnv(String cluster, String namespace, String name, String variable) {
        Deployment d = memberDeployment(cluster, namespace, name);
        if (d == null
                || d.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .getFirst()
                                .getEnv()
                        == null) {
            return null;
        }
        return d.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                .filter(e -> variable.equals(e.getName()))
                .map(EnvVar::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Server-side apply of {@code yaml} against the federation API, as a user's tool would. */
    public void apply(String yaml) {
        client.resource(yaml).forceConflicts().serverSideApply();
    }

    /** Applies the namespace, a Deployment of {@code replicas} and a policy dividing it by {@code weights}. */
    public void propagate(String namespace, String name, int replicas, Map<String, Integer> weights) {
        apply(Manifests.namespace(namespace));
        apply(Manifests.deployment(namespace, name, replicas));
        apply(Manifests.dividedPolicy(namespace, name, weights));
    }

    /** A scrape of the leading controller's metrics (the push-mode syncers run there). */
    PrometheusScrape leaderMetrics() {
        return PrometheusScrape.of(leader().url());
    }

    /** The federated Deployment {@code namespace/name}, or null. */
    public Deployment deployment(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /** The ResourceBinding of {@code kind namespace/name}, or null. */
    public ResourceBinding binding(String kind, String namespace, String name) {
        return client.resources(ResourceBinding.class)
                .inNamespace(namespace)
                .withName(ResourceNames.bindingName(kind, name))
                .get();
    }

    /** The Work of {@code kind namespace/name} for {@code cluster}, or null. */
    public Work work(String cluster, String kind, String namespace, String name) {
        return client.resources(Work.class)
                .inNamespace(Namespaces.executionNamespace(cluster))
                .withName(ResourceNames.workName(kind, namespace, name))
                .get();
    }

    /** Every Work, in every execution namespace, rendered from the binding of {@code kind namespace/name}. */
    public List<Work> worksOf(String kind, String namespace, String name) {
        String binding = ResourceNames.bindingName(kind, name);
        return client.resources(Work.class).inAnyNamespace().list().getItems().stream()
                .filter(w -> w.getMetadata().getLabels() != null
                        && binding.equals(w.getMetadata().getLabels().get(MeridianLabels.BINDING_NAME))
                        && namespace.equals(w.getMetadata().getLabels().get(MeridianLabels.BINDING_NAMESPACE)))
                .toList();
    }

    /** The condition {@code type} of {@code conditions}, or null. */
    public static Condition condition(List<Condition> conditions, String type) {
        return Conditions.find(conditions, type).orElse(null);
    }

    /** The Events about {@code kind namespace/name}, in its namespace. */
    public List<Event> events(String namespace, String kind, String name) {
        return client.events().v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getRegarding() != null
                        && kind.equals(e.getRegarding().getKind())
                        && name.equals(e.getRegarding().getName()))
                .toList();
    }

    /** The Events with {@code reason} about {@code kind namespace/name}. */
    public List<Event> events(String namespace, String kind, String name, String reason) {
        return events(namespace, kind, name).stream()
                .filter(e -> reason.equals(e.getReason()))
                .toList();
    }

    /** A kubeconfig for {@code member}'s proxied endpoint, written into the suite's directory. */
    public Path kubeconfigFile(SimulatedCluster member) {
        return member.kubeconfig(workDir.resolve("kubeconfigs").resolve(member.name() + ".kubeconfig"));
    }

    private String kubeconfig(SimulatedCluster member) {
        try {
            return Files.readString(kubeconfigFile(member));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until every member cluster is Ready as the controller judges it. */
    public void awaitClustersReady() {
        awaitClustersReady(
                members.clusters().stream().map(SimulatedCluster::name).toList());
    }

    public void awaitClustersReady(List<String> names) {
        await().atMost(CONVERGE)
                .ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .untilAsserted(() -> {
                    for (String name : names) {
                        assertThat(isReady(name))
                                .as("cluster %s is Ready", name)
                                .isTrue();
                    }
                });
    }

    public boolean isReady(String name) {
        Cluster cluster = client.resources(Cluster.class).withName(name).get();
        return cluster != null
                && cluster.getStatus() != null
                && Conditions.isTrue(cluster.getStatus().conditions(), ConditionTypes.READY);
    }

    private void startControllers(String suite) {
        Map<String, Future<ControllerProcess>> starting = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String replica : List.of("a", "b")) {
                String identity = suite.toLowerCase() + "-" + replica;
                starting.put(
                        identity,
                        pool.submit(() -> ControllerProcess.builder()
                                .federationApi(api.url())
                                .identity(identity)
                                .logFile(Path.of("target", "controller-logs", suite, identity + ".log")
                                        .toAbsolutePath())
                                // A dead leader is replaced within seconds.
                                .property("meridian.controller.leader-election.lease-duration", "4s")
                                .property("meridian.controller.leader-election.renew-deadline", "3s")
                                .property("meridian.controller.leader-election.retry-period", "500ms")
                                // A healed member is Ready again soon (the hysteresis is tested elsewhere).
                                .property("meridian.controller.cluster-health.settle", "2s")
                                .startTimeout(Duration.ofMinutes(3))
                                .start()));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<ControllerProcess> f : starting.values()) {
                try {
                    controllers.add(f.get());
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(e);
                }
            }
            if (!failures.isEmpty()) {
                controllers.forEach(ControllerProcess::close);
                controllers.clear();
                IllegalStateException error =
                        new IllegalStateException("the controllers did not start", failures.getFirst());
                failures.subList(1, failures.size()).forEach(error::addSuppressed);
                throw error;
            }
        }
    }

    /** A fabric8 client as this project's servers need one: plain HTTP watches, nothing from ~/.kube. */
    public static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withOnlyHttpWatches(true)
                .withRequestTimeout(15_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
