package io.meridian.membersync.sync;

import static io.meridian.membersync.sync.Manifests.configMap;
import static io.meridian.membersync.sync.Manifests.deployment;
import static io.meridian.membersync.sync.Manifests.service;
import static io.meridian.membersync.sync.Manifests.work;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.policy.ApplyStrategy;
import io.meridian.api.model.policy.ConflictResolution;
import io.meridian.api.model.work.ManifestStatus;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.Work;
import io.meridian.api.model.work.WorkSpec;
import io.meridian.membersync.connect.MemberConnections;
import io.meridian.membersync.interpreter.InterpreterRegistry;
import io.meridian.membersync.resilience.MemberGuard;
import io.meridian.membersync.resilience.MemberUnavailableException;
import io.meridian.sandbox.fault.FaultMode;
import io.meridian.sandbox.member.SimulatedCluster;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One syncer per simulated member cluster, against the real federation API: apply, drift, prune,
 * cleanup, conflicts, status, suspension; the Update strategy against fabric8's mock server; and a
 * dead or partitioned member next to a healthy one.
 */
class ClusterSyncerIT {

    private static final Logger log = LoggerFactory.getLogger(ClusterSyncerIT.class);

    @RegisterExtension
    static FederationSandbox.Extension sandbox = new FederationSandbox.Extension();

    static final String ALPHA = "alpha";
    static final String BETA = "beta";
    static final String ALPHA_NS = Namespaces.executionNamespace(ALPHA);
    static final String BETA_NS = Namespaces.executionNamespace(BETA);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    static final SyncSettings SETTINGS = SyncSettings.DEFAULT
            .withGuard(new MemberGuard.Settings(CALL_TIMEOUT, 16, 50f, 4, Duration.ofSeconds(2)))
            .withConflictRecheck(Duration.ofSeconds(2));

    static KubernetesClient federation;
    static SimulatedCluster alphaMember;
    static SimulatedCluster betaMember;
    static KubernetesClient alpha;
    static SimpleMeterRegistry meters = new SimpleMeterRegistry();
    static ClusterSyncer alphaSyncer;
    static ClusterSyncer betaSyncer;
    static final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void startSyncers() {
        FederationSandbox s = sandbox.get();
        federation = s.federationClient();
        alphaMember = s.member(ALPHA);
        betaMember = s.member(BETA);
        alpha = alphaMember.client();
        s.register(federation, ALPHA, alphaMember.apiUrl());
        s.register(federation, BETA, betaMember.apiUrl());
        alphaSyncer = syncer(ALPHA, s.memberClient(ALPHA));
        betaSyncer = syncer(BETA, s.memberClient(BETA));
    }

    static ClusterSyncer syncer(String cluster, KubernetesClient memberClient) {
        ClusterSyncer syncer = new ClusterSyncer(
                cluster,
                federation,
                memberClient,
                InterpreterRegistry.withBuiltIns(),
                SETTINGS,
                meters,
                Clock.systemUTC());
        closing.add(syncer);
        syncer.start();
        return syncer;
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        federation.close();
    }

    // --- apply and status ------------------------------------------------------------------

    @Test
    void appliesTheManifestsWithOwnershipLabelsAndReportsHealthAndStatus() {
        String name = ResourceNames.workName("Deployment", "apply", "web");
        create(work(ALPHA_NS, name, deployment("apply", "web", 2), configMap("apply", "web-config", "hello")));

        eventually().untilAsserted(() -> {
            Deployment d = alpha.apps()
                    .deployments()
                    .inNamespace("apply")
                    .withName("web")
                    .get();
            assertThat(d).isNotNull();
            assertThat(d.getSpec().getReplicas()).isEqualTo(2);
            assertThat(d.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .getFirst()
                            .getImage())
                    .isEqualTo("nginx:1.27");
            assertThat(d.getMetadata().getLabels())
                    .containsEntry(MeridianLabels.MANAGED_BY, MeridianLabels.MANAGED_BY_VALUE)
                    .containsEntry(MeridianLabels.WORK_NAME, name)
                    .containsEntry(MeridianLabels.WORK_NAMESPACE, ALPHA_NS)
                    .containsEntry("app", "web");
            ConfigMap cm = alpha.configMaps()
                    .inNamespace("apply")
                    .withName("web-config")
                    .get();
            assertThat(cm.getData()).containsEntry("greeting", "hello");
            assertThat(cm.getMetadata().getLabels()).containsEntry(MeridianLabels.WORK_NAME, name);
            assertThat(cm.getMetadata().getManagedFields())
                    .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("meridian"));
        });

        // The simulated member makes the Deployment ready; the Work reports it.
        eventually().untilAsserted(() -> {
            Work w = get(ALPHA_NS, name);
            assertThat(Conditions.isTrue(w.getStatus().conditions(), ConditionTypes.APPLIED))
                    .isTrue();
            assertThat(Conditions.isTrue(w.getStatus().conditions(), ConditionTypes.AVAILABLE))
                    .isTrue();
            List<ManifestStatus> entries = w.getStatus().manifestStatuses();
            assertThat(entries).hasSize(2);
            ManifestStatus deployment = entries.get(0);
            assertThat(deployment.identifier().ordinal()).isZero();
            assertThat(deployment.identifier().group()).isEqualTo("apps");
            assertThat(deployment.identifier().version()).isEqualTo("v1");
            assertThat(deployment.identifier().kind()).isEqualTo("Deployment");
            assertThat(deployment.identifier().resource()).isEqualTo("deployments");
            assertThat(deployment.identifier().namespace()).isEqualTo("apply");
            assertThat(deployment.identifier().name()).isEqualTo("web");
            assertThat(deployment.applied()).isTrue();
            assertThat(deployment.health()).isEqualTo(ResourceHealth.HEALTHY);
            assertThat(deployment.status().path("readyReplicas").asInt()).isEqualTo(2);
            assertThat(deployment.observedGeneration())
                    .isEqualTo(w.getMetadata().getGeneration());
            assertThat(entries.get(1).identifier().ordinal()).isEqualTo(1);
            assertThat(entries.get(1).identifier().resource()).isEqualTo("configmaps");
            assertThat(entries.get(1).health()).isEqualTo(ResourceHealth.HEALTHY);
        });
    }

    @Test
    void metricsCountAppliesPerClusterWithoutNamingObjects() {
        String name = ResourceNames.workName("ConfigMap", "metrics", "counted");
        create(work(ALPHA_NS, name, configMap("metrics", "counted", "v")));
        eventually().until(() -> configMapExists("metrics", "counted"));

        assertThat(meters.get("meridian.sync.applies")
                        .tags("cluster", ALPHA, "strategy", "ServerSideApply", "outcome", "applied")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get("meridian.sync.apply.latency")
                        .tags("cluster", ALPHA, "strategy", "ServerSideApply")
                        .timer()
                        .count())
                .isPositive();
        // Low cardinality: a cluster, a strategy, an outcome or a cause, never an object.
        assertThat(meters.getMeters())
                .filteredOn(m -> m.getId().getName().startsWith("meridian.sync."))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getId().getTags())
                        .extracting(Tag::getKey)
                        .isSubsetOf("cluster", "strategy", "outcome", "cause"));
    }

    @Test
    void aWorkloadThatNeverBecomesReadyIsReportedUnhealthy() {
        String name = ResourceNames.workName("Deployment", "unhealthy", "stuck");
        GenericKubernetesResource stuck =
                deployment("unhealthy", "stuck", 1, "registry.example/" + FederationSandbox.BROKEN_IMAGE + ":1");
        create(work(ALPHA_NS, name, stuck));

        eventually().untilAsserted(() -> {
            Work w = get(ALPHA_NS, name);
            assertThat(Conditions.isTrue(w.getStatus().conditions(), ConditionTypes.APPLIED))
                    .isTrue();
            assertThat(w.getStatus().manifestStatuses().getFirst().health()).isEqualTo(ResourceHealth.UNHEALTHY);
            var available = Conditions.find(w.getStatus().conditions(), ConditionTypes.AVAILABLE)
                    .orElseThrow();
            assertThat(available.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(available.reason()).isEqualTo(ConditionReasons.UNHEALTHY);
            assertThat(available.message()).contains("Deployment unhealthy/stuck");
        });
    }

    // --- drift -----------------------------------------------------------------------------

    @Test
    void changesMadeInTheMemberAreReverted() {
        String name = ResourceNames.workName("Deployment", "drift", "web");
        create(work(ALPHA_NS, name, deployment("drift", "web", 2), configMap("drift", "web-config", "hello")));
        eventually()
                .until(() -> alpha.configMaps()
                                .inNamespace("drift")
                                .withName("web-config")
                                .get()
                        != null);
        double before = meters.counter("meridian.sync.drift.corrections", "cluster", ALPHA)
                .count();

        // Someone scales the Deployment and edits the ConfigMap in the member, as kubectl edit would.
        alpha.apps().deployments().inNamespace("drift").withName("web").edit(d -> {
            d.getSpec().setReplicas(7);
            return d;
        });
        alpha.configMaps().inNamespace("drift").withName("web-config").edit(c -> {
            c.getData().put("greeting", "tampered");
            return c;
        });
        eventually().untilAsserted(() -> {
            assertThat(alpha.apps()
                            .deployments()
                            .inNamespace("drift")
                            .withName("web")
                            .get()
                            .getSpec()
                            .getReplicas())
                    .isEqualTo(2);
            assertThat(alpha.configMaps()
                            .inNamespace("drift")
                            .withName("web-config")
                            .get()
                            .getData())
                    .containsEntry("greeting", "hello");
        });

        // Someone deletes it: it comes back.
        alpha.configMaps().inNamespace("drift").withName("web-config").delete();
        eventually().untilAsserted(() -> {
            ConfigMap cm = alpha.configMaps()
                    .inNamespace("drift")
                    .withName("web-config")
                    .get();
            assertThat(cm).isNotNull();
            assertThat(cm.getMetadata().getDeletionTimestamp()).isNull();
            assertThat(cm.getData()).containsEntry("greeting", "hello");
        });
        assertThat(meters.counter("meridian.sync.drift.corrections", "cluster", ALPHA)
                        .count())
                .isGreaterThanOrEqualTo(before + 2);
    }

    // --- prune and cleanup -----------------------------------------------------------------

    @Test
    void aManifestTheWorkNoLongerListsIsPrunedUnlessAnotherWorkStillListsIt() {
        String a = ResourceNames.workName("Deployment", "prune", "a");
        String b = ResourceNames.workName("Deployment", "prune", "b");
        create(work(ALPHA_NS, a, configMap("prune", "shared", "same"), configMap("prune", "only-a", "x")));
        create(work(ALPHA_NS, b, configMap("prune", "shared", "same"), configMap("prune", "only-b", "y")));
        eventually()
                .until(() -> configMapExists("prune", "only-a")
                        && configMapExists("prune", "only-b")
                        && configMapExists("prune", "shared"));

        update(ALPHA_NS, a, spec -> Manifests.withManifests(spec, configMap("prune", "other-a", "z")));
        eventually().until(() -> !configMapExists("prune", "only-a") && configMapExists("prune", "other-a"));
        // b still lists the shared ConfigMap: it stays, and is now b's.
        eventually()
                .untilAsserted(() -> assertThat(alpha.configMaps()
                                .inNamespace("prune")
                                .withName("shared")
                                .get()
                                .getMetadata()
                                .getLabels())
                        .containsEntry(MeridianLabels.WORK_NAME, b));
        assertThat(configMapExists("prune", "shared")).isTrue();

        update(ALPHA_NS, b, spec -> Manifests.withManifests(spec, configMap("prune", "only-b", "y")));
        eventually().until(() -> !configMapExists("prune", "shared"));
        assertThat(configMapExists("prune", "only-b")).isTrue();
        assertThat(meters.counter("meridian.sync.prunes", "cluster", ALPHA, "cause", "removed")
                        .count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void deletingAWorkDeletesItsMemberObjectsBeforeLettingTheWorkGo() {
        String name = ResourceNames.workName("Deployment", "cleanup", "web");
        String other = ResourceNames.workName("Deployment", "cleanup", "api");
        create(work(ALPHA_NS, name, deployment("cleanup", "web", 1), configMap("cleanup", "common", "v")));
        create(work(ALPHA_NS, other, configMap("cleanup", "common", "v")));
        eventually().until(() -> deploymentExists("cleanup", "web") && configMapExists("cleanup", "common"));

        federation.resources(Work.class).inNamespace(ALPHA_NS).withName(name).delete();
        eventually().until(() -> get(ALPHA_NS, name) == null);
        // The finalizer went only once the member's copy was gone.
        assertThat(deploymentExists("cleanup", "web")).isFalse();
        // The ConfigMap another Work lists stays.
        assertThat(configMapExists("cleanup", "common")).isTrue();
        assertThat(meters.counter("meridian.sync.prunes", "cluster", ALPHA, "cause", "work-deleted")
                        .count())
                .isGreaterThanOrEqualTo(1);

        federation.resources(Work.class).inNamespace(ALPHA_NS).withName(other).delete();
        eventually().until(() -> get(ALPHA_NS, other) == null);
        assertThat(configMapExists("cleanup", "common")).isFalse();
    }

    // --- conflicts -------------------------------------------------------------------------

    @Test
    void abortLeavesAnObjectMeridianDoesNotOwnAloneAndOverwriteAdoptsIt() {
        namespace("conflict");
        alpha.configMaps()
                .inNamespace("conflict")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("settings")
                        .endMetadata()
                        .addToData("greeting", "theirs")
                        .build())
                .create();
        String name = ResourceNames.workName("ConfigMap", "conflict", "settings");
        create(work(ALPHA_NS, name, configMap("conflict", "settings", "ours")));

        eventually().untilAsserted(() -> {
            Work w = get(ALPHA_NS, name);
            ManifestStatus entry = w.getStatus().manifestStatuses().getFirst();
            assertThat(entry.applied()).isFalse();
            assertThat(entry.reason()).isEqualTo(ConditionReasons.CONFLICT);
            assertThat(entry.message()).contains("not managed by Meridian");
            var applied = Conditions.find(w.getStatus().conditions(), ConditionTypes.APPLIED)
                    .orElseThrow();
            assertThat(applied.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(applied.reason()).isEqualTo(ConditionReasons.CONFLICT);
        });
        // kubectl describe work shows why.
        eventually()
                .untilAsserted(() -> assertThat(federation
                                .events()
                                .v1()
                                .events()
                                .inNamespace(ALPHA_NS)
                                .list()
                                .getItems())
                        .anySatisfy(e -> {
                            assertThat(e.getRegarding().getName()).isEqualTo(name);
                            assertThat(e.getReason()).isEqualTo(ConditionReasons.CONFLICT);
                            assertThat(e.getType()).isEqualTo("Warning");
                            assertThat(e.getReportingController()).isEqualTo("meridian-member-sync");
                            assertThat(e.getNote()).contains("not managed by Meridian");
                        }));
        ConfigMap untouched =
                alpha.configMaps().inNamespace("conflict").withName("settings").get();
        assertThat(untouched.getData()).containsEntry("greeting", "theirs");
        assertThat(untouched.getMetadata().getLabels()).doesNotContainKey(MeridianLabels.MANAGED_BY);
        assertThat(meters.counter("meridian.sync.conflicts", "cluster", ALPHA).count())
                .isGreaterThanOrEqualTo(1);

        update(ALPHA_NS, name, spec -> Manifests.withResolution(spec, ConflictResolution.OVERWRITE));
        eventually().untilAsserted(() -> {
            ConfigMap adopted = alpha.configMaps()
                    .inNamespace("conflict")
                    .withName("settings")
                    .get();
            assertThat(adopted.getData()).containsEntry("greeting", "ours");
            assertThat(adopted.getMetadata().getLabels())
                    .containsEntry(MeridianLabels.MANAGED_BY, MeridianLabels.MANAGED_BY_VALUE);
            assertThat(Conditions.isTrue(get(ALPHA_NS, name).getStatus().conditions(), ConditionTypes.APPLIED))
                    .isTrue();
        });
    }

    @Test
    void deletingAWorkWhoseObjectWasNeverMeridiansLeavesTheObjectAlone() {
        namespace("keep");
        alpha.configMaps()
                .inNamespace("keep")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("theirs")
                        .endMetadata()
                        .addToData("k", "v")
                        .build())
                .create();
        String name = ResourceNames.workName("ConfigMap", "keep", "theirs");
        create(work(ALPHA_NS, name, configMap("keep", "theirs", "ours")));
        eventually().until(() -> {
            Work w = get(ALPHA_NS, name);
            return w.getStatus() != null
                    && !w.getStatus().manifestStatuses().isEmpty()
                    && ConditionReasons.CONFLICT.equals(
                            w.getStatus().manifestStatuses().getFirst().reason());
        });

        federation.resources(Work.class).inNamespace(ALPHA_NS).withName(name).delete();
        eventually().until(() -> get(ALPHA_NS, name) == null);
        assertThat(alpha.configMaps()
                        .inNamespace("keep")
                        .withName("theirs")
                        .get()
                        .getData())
                .containsEntry("k", "v");
    }

    // --- suspension ------------------------------------------------------------------------

    @Test
    void aSuspendedWorkIsNotAppliedButStillReported() {
        String name = ResourceNames.workName("Deployment", "suspend", "web");
        create(work(ALPHA_NS, name, deployment("suspend", "web", 1)));
        eventually().until(() -> deploymentExists("suspend", "web"));

        update(
                ALPHA_NS,
                name,
                spec -> Manifests.suspended(Manifests.withManifests(spec, deployment("suspend", "web", 4)), true));
        eventually().untilAsserted(() -> {
            Work w = get(ALPHA_NS, name);
            var applied = Conditions.find(w.getStatus().conditions(), ConditionTypes.APPLIED)
                    .orElseThrow();
            assertThat(applied.reason()).isEqualTo(ConditionReasons.SUSPENDED);
            assertThat(applied.observedGeneration()).isEqualTo(w.getMetadata().getGeneration());
            ManifestStatus entry = w.getStatus().manifestStatuses().getFirst();
            assertThat(entry.health()).isEqualTo(ResourceHealth.HEALTHY);
            assertThat(entry.status().path("replicas").asInt()).isEqualTo(1);
        });
        assertThat(alpha.apps()
                        .deployments()
                        .inNamespace("suspend")
                        .withName("web")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(1);

        update(ALPHA_NS, name, spec -> Manifests.suspended(spec, false));
        eventually()
                .until(() -> alpha.apps()
                                .deployments()
                                .inNamespace("suspend")
                                .withName("web")
                                .get()
                                .getSpec()
                                .getReplicas()
                        == 4);
    }

    // --- the Update strategy against an independent implementation --------------------------

    @Test
    void theUpdateStrategyKeepsWhatTheMemberOwnsOnFabric8sMockServer() throws Exception {
        KubernetesMockServer mock = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        mock.init(InetAddress.getByName("127.0.0.1"), 0);
        closing.add(mock::destroy);
        String mocked = "mocked";
        String ns = Namespaces.executionNamespace(mocked);
        String url = mock.url("/").replaceAll("/$", "");
        sandbox.get().register(federation, mocked, url);
        // The mock serves watches over WebSocket only.
        Config config = MemberConnections.tune(
                new ConfigBuilder(Config.empty()).withMasterUrl(url).build(), Duration.ofSeconds(5));
        config.setOnlyHttpWatches(false);
        syncer(mocked, new KubernetesClientBuilder().withConfig(config).build());
        KubernetesClient member = mock.createClient();
        closing.add(member);

        String name = ResourceNames.workName("Service", "shop", "web");
        Work w = work(ns, name, service("shop", "web", 80), configMap("shop", "web-config", "hello"));
        w.setSpec(Manifests.withStrategy(w.getSpec(), ApplyStrategy.UPDATE));
        create(w);
        eventually()
                .until(() ->
                        member.services().inNamespace("shop").withName("web").get() != null);

        // The member allocates a cluster IP, as a real cluster does on creation.
        member.services().inNamespace("shop").withName("web").edit(s -> {
            s.getSpec().setClusterIP("10.96.0.42");
            s.getSpec().setClusterIPs(List.of("10.96.0.42"));
            return s;
        });
        update(
                ns,
                name,
                spec -> Manifests.withManifests(
                        spec, service("shop", "web", 8080), configMap("shop", "web-config", "hello")));
        eventually().untilAsserted(() -> {
            Service s = member.services().inNamespace("shop").withName("web").get();
            assertThat(s.getSpec().getPorts().getFirst().getPort()).isEqualTo(8080);
            assertThat(s.getSpec().getClusterIP()).isEqualTo("10.96.0.42");
            assertThat(s.getMetadata().getLabels()).containsEntry(MeridianLabels.WORK_NAME, name);
        });

        // Drift on the mock is corrected through the same informers.
        member.configMaps().inNamespace("shop").withName("web-config").edit(c -> {
            c.getData().put("greeting", "tampered");
            return c;
        });
        eventually()
                .untilAsserted(() -> assertThat(member.configMaps()
                                .inNamespace("shop")
                                .withName("web-config")
                                .get()
                                .getData())
                        .containsEntry("greeting", "hello"));
        eventually()
                .untilAsserted(() -> assertThat(
                                Conditions.isTrue(get(ns, name).getStatus().conditions(), ConditionTypes.APPLIED))
                        .isTrue());
    }

    // --- one member down or partitioned, another healthy -------------------------------------

    @Test
    void aDeadOrPartitionedMemberFailsFastAndDoesNotSlowAHealthyOne() {
        namespace("speed");
        Duration baseline =
                timeToApply("baseline-1").plus(timeToApply("baseline-2")).dividedBy(2);

        for (FaultMode fault : List.of(FaultMode.DOWN, FaultMode.PARTITION)) {
            String tag = fault.toString().toLowerCase();
            betaMember.fail(fault);
            try {
                for (int i = 0; i < 3; i++) {
                    create(work(BETA_NS, tag + "-" + i, configMap("speed", tag + "-" + i, "v")));
                }
                // While the syncer of the sick member waits on it, the healthy member is synced as fast as before.
                Duration during =
                        timeToApply(tag + "-a").plus(timeToApply(tag + "-b")).dividedBy(2);
                log.info(
                        "Apply time on a healthy member: {} ms alone, {} ms beside a member that is {}",
                        baseline.toMillis(),
                        during.toMillis(),
                        fault);
                assertThat(during)
                        .as("apply time on the healthy member while the other is %s (baseline %s)", fault, baseline)
                        .isLessThan(baseline.plus(Duration.ofSeconds(1)))
                        .isLessThan(CALL_TIMEOUT);

                // The syncer learns the member is away and stops calling it.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> betaSyncer.memberGuard().isOpen());
                long start = System.nanoTime();
                assertThatThrownBy(() -> betaSyncer.memberGuard().call("probe", () -> "answer"))
                        .isInstanceOf(MemberUnavailableException.class)
                        .hasMessageContaining("circuit open");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));

                // The federation hears about it through the Works of the unavailable member.
                eventually().untilAsserted(() -> {
                    ManifestStatus entry = get(BETA_NS, tag + "-0")
                            .getStatus()
                            .manifestStatuses()
                            .getFirst();
                    assertThat(entry.reason()).isEqualTo(ConditionReasons.APPLY_FAILED);
                    assertThat(entry.message()).contains("member cluster beta is unavailable");
                });
            } finally {
                betaMember.heal();
            }
            // Back: its Works are applied without anyone touching them.
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                for (int i = 0; i < 3; i++) {
                    assertThat(betaMember
                                    .client()
                                    .configMaps()
                                    .inNamespace("speed")
                                    .withName(tag + "-" + i)
                                    .get())
                            .isNotNull();
                }
            });
        }
    }

    /** How long a new Work takes to reach the healthy member. */
    private Duration timeToApply(String name) {
        long start = System.nanoTime();
        create(work(ALPHA_NS, "speed." + name, configMap("speed", name, "v")));
        eventually().pollInterval(Duration.ofMillis(20)).until(() -> configMapExists("speed", name));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    // --- helpers ---------------------------------------------------------------------------

    /** A wait for what the syncer does next; a status not written yet reads as not yet. */
    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).ignoreExceptions();
    }

    private static void create(Work work) {
        federation.resource(work).create();
    }

    private static Work get(String namespace, String name) {
        return federation
                .resources(Work.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** Changes a Work's spec as the renderer does: read, change, write; again if the syncer wrote its status meanwhile. */
    private static void update(String namespace, String name, UnaryOperator<WorkSpec> change) {
        for (int attempt = 0; ; attempt++) {
            Work w = get(namespace, name);
            w.setSpec(change.apply(w.getSpec()));
            try {
                federation.resource(w).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }

    private static boolean configMapExists(String namespace, String name) {
        ConfigMap cm = alpha.configMaps().inNamespace(namespace).withName(name).get();
        return cm != null && cm.getMetadata().getDeletionTimestamp() == null;
    }

    private static boolean deploymentExists(String namespace, String name) {
        return alpha.apps().deployments().inNamespace(namespace).withName(name).get() != null;
    }

    private static void namespace(String name) {
        alpha.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .serverSideApply();
    }
}
