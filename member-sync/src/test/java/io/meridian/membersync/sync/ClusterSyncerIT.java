package io.meridian.membersync.sync;

import static io.meridian.membersync.sync.Manifests.configMap;
import static io.meridian.membersync.sync.Manifests.deployment;
import static io.meridian.membersync.sync.Manifests.work;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.work.ManifestStatus;
import io.meridian.api.model.work.Work;
import io.meridian.membersync.interpreter.InterpreterRegistry;
import io.meridian.membersync.resilience.MemberGuard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterSyncerIT {

    @RegisterExtension
    static FederationSandbox.Extension sandbox = new FederationSandbox.Extension();

    static final String ALPHA = "alpha";
    static final String NS = Namespaces.executionNamespace(ALPHA);
    static final SyncSettings SETTINGS = SyncSettings.DEFAULT
            .withGuard(new MemberGuard.Settings(Duration.ofSeconds(2), 16, 50f, 4, Duration.ofSeconds(2)))
            .withConflictRecheck(Duration.ofSeconds(2));

    static KubernetesClient federation;
    static KubernetesClient member;
    static SimpleMeterRegistry meters = new SimpleMeterRegistry();
    static final List<ClusterSyncer> syncers = new ArrayList<>();

    @BeforeAll
    static void startSyncer() {
        federation = sandbox.get().federationClient();
        member = sandbox.get().memberClient(ALPHA);
        sandbox.get().register(federation, ALPHA, sandbox.get().member(ALPHA).url());
        syncers.add(syncer(ALPHA, sandbox.get().memberClient(ALPHA)));
    }

    static ClusterSyncer syncer(String cluster, KubernetesClient memberClient) {
        ClusterSyncer s = new ClusterSyncer(
                cluster,
                federation,
                memberClient,
                InterpreterRegistry.withBuiltIns(),
                SETTINGS,
                meters,
                Clock.systemUTC());
        s.start();
        return s;
    }

    @AfterAll
    static void stop() {
        syncers.forEach(ClusterSyncer::close);
        member.close();
        federation.close();
    }

    @Test
    void appliesTheManifestsWithOwnershipLabelsAndReportsThem() {
        federation
                .resource(work(
                        NS,
                        "default.web-deployment",
                        deployment("default", "web", 3),
                        configMap("default", "web-config", "hello")))
                .create();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Deployment d = member.apps()
                    .deployments()
                    .inNamespace("default")
                    .withName("web")
                    .get();
            assertThat(d).isNotNull();
            assertThat(d.getSpec().getReplicas()).isEqualTo(3);
            assertThat(d.getMetadata().getLabels())
                    .containsEntry(MeridianLabels.MANAGED_BY, MeridianLabels.MANAGED_BY_VALUE)
                    .containsEntry(MeridianLabels.WORK_NAME, "default.web-deployment")
                    .containsEntry(MeridianLabels.WORK_NAMESPACE, NS)
                    .containsEntry("app", "web");
            ConfigMap cm = member.configMaps()
                    .inNamespace("default")
                    .withName("web-config")
                    .get();
            assertThat(cm.getData()).containsEntry("greeting", "hello");
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Work w = federation
                    .resources(Work.class)
                    .inNamespace(NS)
                    .withName("default.web-deployment")
                    .get();
            assertThat(w.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(w.getStatus().conditions(), ConditionTypes.APPLIED))
                    .isTrue();
            List<ManifestStatus> entries = w.getStatus().manifestStatuses();
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0).identifier().resource()).isEqualTo("deployments");
            assertThat(entries.get(1).identifier().ordinal()).isEqualTo(1);
        });
    }
}
