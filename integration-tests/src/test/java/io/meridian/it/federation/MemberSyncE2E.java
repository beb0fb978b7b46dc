package io.meridian.it.federation;

import static io.meridian.it.federation.FederationExtension.CONVERGE;
import static io.meridian.it.federation.FederationExtension.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.FieldManagers;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.override.OverridePolicy;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.TargetCluster;
import io.meridian.api.model.work.Work;
import io.meridian.it.apiserver.kubectl.Kubectl;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import io.meridian.sandbox.member.MemberClustersExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What member-sync does inside the members, and how bad input is reported: drift made in a member
 * is reverted, an object Meridian does not own is left alone or adopted as the policy says, and a
 * policy, an override or a manifest that cannot work is reported by a condition and an Event
 * without disturbing anything else.
 */
class MemberSyncE2E {

    @RegisterExtension
    @Order(1)
    static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static ApiServerExtension api = ApiServerExtension.on(etcd);

    @RegisterExtension
    @Order(3)
    static MemberClustersExtension members = MemberClustersExtension.regions("us-east", "eu-west", "ap-south")
            .on(etcd)
            .configure(b -> b.readinessDelay(Duration.ofMillis(200)));

    @RegisterExtension
    @Order(4)
    static FederationExtension federation = FederationExtension.on(api, members);

    private static final Map<String, Integer> EAST_AND_WEST = Manifests.weights("us-east", 1, "eu-west", 1);

    @Test
    void anEditMadeInsideAMemberIsRevertedByMemberSync() {
        String ns = "drift";
        federation.propagate(ns, "web", 4, EAST_AND_WEST);
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(federation.memberReplicas("us-east", ns, "web")).isEqualTo(2);
            assertThat(federation.memberEnv("us-east", ns, "web", "GREETING")).isEqualTo("hello");
        });
        double before = driftCorrections("us-east");

        // Someone with access to the member edits Meridian's copy with kubectl.
        Kubectl kubectl = federation.kubectl(members.cluster("us-east"));
        kubectl.ok("scale", "deployment/web", "--replicas=7", "-n", ns);
        kubectl.ok("set", "env", "deployment/web", "GREETING=tampered", "-n", ns);

        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(federation.memberReplicas("us-east", ns, "web")).isEqualTo(2);
            assertThat(federation.memberEnv("us-east", ns, "web", "GREETING")).isEqualTo("hello");
            // Reverted by the syncer, which counts what it corrected.
            assertThat(driftCorrections("us-east")).isGreaterThan(before);
        });
        assertThat(federation.memberReplicas("eu-west", ns, "web")).isEqualTo(2);
        assertThat(federation.memberEnv("eu-west", ns, "web", "GREETING")).isEqualTo("hello");
    }

    @Test
    void anObjectThatPreExistsInAMemberIsLeftAloneUnderAbortAndAdoptedUnderOverwrite() {
        String ns = "adopt";
        // The member already runs a "legacy" Deployment of its own.
        KubernetesClient member = members.cluster("us-east").client();
        member.resource(Manifests.namespace(ns)).serverSideApply();
        Deployment own = member.apps()
                .deployments()
                .resource(member.getKubernetesSerialization()
                        .unmarshal(
                                Manifests.deployment(ns, "legacy", 1)
                                        .replace(Manifests.IMAGE, "legacy.example.com/app:0.9"),
                                Deployment.class))
                .create();
        long ownGeneration = own.getMetadata().getGeneration();

        federation.apply(Manifests.namespace(ns));
        federation.apply(Manifests.deployment(ns, "legacy", 3));
        federation.apply(Manifests.duplicatedPolicy(ns, "legacy", List.of("us-east"), "Abort"));

        await().atMost(CONVERGE).untilAsserted(() -> {
            Work work = federation.work("us-east", "Deployment", ns, "legacy");
            assertThat(work).isNotNull();
            assertThat(work.getStatus()).isNotNull();
            assertCondition(work.getStatus().conditions(), ConditionTypes.APPLIED, ConditionStatus.FALSE, "Conflict");
            assertThat(work.getStatus().manifestStatuses().getFirst().reason()).isEqualTo(ConditionReasons.CONFLICT);
            ResourceBinding binding = federation.binding("Deployment", ns, "legacy");
            assertCondition(
                    binding.getStatus().conditions(), ConditionTypes.FULLY_APPLIED, ConditionStatus.FALSE, "Conflict");
            assertThat(federation.events(ns, "Deployment", "legacy", "Conflict"))
                    .isNotEmpty();
        });
        // Untouched: Meridian never wrote to it (the member's own controllers update its status only).
        Deployment untouched = federation.memberDeployment("us-east", ns, "legacy");
        assertThat(untouched.getMetadata().getGeneration()).isEqualTo(ownGeneration);
        assertThat(untouched.getSpec().getReplicas()).isEqualTo(1);
        assertThat(untouched
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .isEqualTo("legacy.example.com/app:0.9");
        assertThat(untouched.getMetadata().getLabels()).doesNotContainKey(MeridianLabels.MANAGED_BY);
        assertThat(untouched.getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager)
                .doesNotContain(FieldManagers.MERIDIAN);

        federation.apply(Manifests.duplicatedPolicy(ns, "legacy", List.of("us-east"), "Overwrite"));

        await().atMost(CONVERGE).untilAsserted(() -> {
            Deployment adopted = federation.memberDeployment("us-east", ns, "legacy");
            assertThat(adopted.getSpec().getReplicas()).isEqualTo(3);
            assertThat(adopted.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .getFirst()
                            .getImage())
                    .isEqualTo(Manifests.IMAGE);
            assertThat(adopted.getMetadata().getLabels())
                    .containsEntry(MeridianLabels.MANAGED_BY, MeridianLabels.MANAGED_BY_VALUE);
            Work work = federation.work("us-east", "Deployment", ns, "legacy");
            assertCondition(work.getStatus().conditions(), ConditionTypes.APPLIED, ConditionStatus.TRUE, "Applied");
            assertCondition(
                    federation.binding("Deployment", ns, "legacy").getStatus().conditions(),
                    ConditionTypes.FULLY_APPLIED,
                    ConditionStatus.TRUE,
                    "Applied");
        });
    }

    @Test
    void anInvalidPolicyIsReportedAndTheWorkloadStaysWhereItRuns() {
        String ns = "badpolicy";
        federation.propagate(ns, "web", 4, EAST_AND_WEST);
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberReplicas(ns, "web"))
                        .isEqualTo(Map.of("us-east", 2, "eu-west", 2, "ap-south", -1)));
        List<TargetCluster> placed =
                federation.binding("Deployment", ns, "web").getSpec().clusters();

        // A weight below 1 is refused by the API itself.
        assertThatThrownBy(() -> federation.apply(
                        Manifests.dividedPolicy(ns, "web", Manifests.weights("us-east", 0, "eu-west", 1))))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422));
        // A selector the schema cannot refuse (In without values) is the controller's to report.
        federation.apply(Manifests.dividedPolicy(ns, "web", EAST_AND_WEST)
                .replace(
                        "clusterAffinity: {clusterNames: [us-east, eu-west]}",
                        "clusterAffinity: {clusterNames: [us-east, eu-west], labelSelector: {matchExpressions:"
                                + " [{key: region, operator: In}]}}"));

        String field = "spec.placement.clusterAffinity.labelSelector.matchExpressions[0].values";
        await().atMost(CONVERGE).untilAsserted(() -> {
            ResourceBinding binding = federation.binding("Deployment", ns, "web");
            Condition scheduled = condition(binding.getStatus().conditions(), ConditionTypes.SCHEDULED);
            assertThat(scheduled).isNotNull();
            assertThat(scheduled.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(scheduled.reason()).isEqualTo(ConditionReasons.SCHEDULER_ERROR);
            assertThat(scheduled.message()).contains(field);
            assertThat(federation.events(ns, "Deployment", "web", "SchedulerError"))
                    .anySatisfy(e -> assertThat(e.getNote()).contains(field));
            assertThat(federation.events(ns, "PropagationPolicy", "web", "InvalidPolicy"))
                    .anySatisfy(e -> assertThat(e.getNote()).contains(field));
        });
        // Nothing else moves: the placement and the members' copies stay as they were.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(federation.binding("Deployment", ns, "web").getSpec().clusters())
                    .isEqualTo(placed);
            assertThat(federation.memberReplicas(ns, "web"))
                    .isEqualTo(Map.of("us-east", 2, "eu-west", 2, "ap-south", -1));
        });

        // Corrected, it schedules again.
        federation.apply(Manifests.dividedPolicy(ns, "web", Manifests.weights("us-east", 3, "eu-west", 1)));
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertCondition(
                    federation.binding("Deployment", ns, "web").getStatus().conditions(),
                    ConditionTypes.SCHEDULED,
                    ConditionStatus.TRUE,
                    "Scheduled");
            assertThat(federation.memberReplicas(ns, "web"))
                    .isEqualTo(Map.of("us-east", 3, "eu-west", 1, "ap-south", -1));
        });
    }

    @Test
    void anOverridePatchThatDoesNotApplyIsReportedAndLeavesThatClusterAsItWas() {
        String ns = "badoverride";
        federation.propagate(ns, "web", 4, EAST_AND_WEST);
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(federation.memberEnv("us-east", ns, "web", "GREETING")).isEqualTo("hello");
            assertThat(federation.memberEnv("eu-west", ns, "web", "GREETING")).isEqualTo("hello");
        });
        long euWestGeneration = federation
                .work("eu-west", "Deployment", ns, "web")
                .getMetadata()
                .getGeneration();

        federation.apply(Manifests.overridePolicy(
                ns,
                "broken",
                "web",
                "eu-west",
                "{plaintext: [{op: replace, path: /spec/template/spec/containers/3/image, value: other:1}]}"));
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(federation.events(ns, "Deployment", "web", "OverrideFailed"))
                    .anySatisfy(e -> assertThat(e.getNote())
                            .contains("eu-west")
                            .contains("OverridePolicy badoverride/broken rule 0")
                            .contains("/spec/template/spec/containers/3"));
            assertThat(federation.events(ns, "ResourceBinding", "web-deployment", "OverrideFailed"))
                    .isNotEmpty();
        });

        // The template changes: us-east follows, eu-west's Work is left as it was.
        federation.apply(Manifests.deployment(ns, "web", 4).replace("value: hello", "value: bonjour"));
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberEnv("us-east", ns, "web", "GREETING"))
                        .isEqualTo("bonjour"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(federation
                            .work("eu-west", "Deployment", ns, "web")
                            .getMetadata()
                            .getGeneration())
                    .isEqualTo(euWestGeneration);
            assertThat(federation.memberEnv("eu-west", ns, "web", "GREETING")).isEqualTo("hello");
        });

        // Without the broken policy, eu-west catches up.
        federation
                .client()
                .resources(OverridePolicy.class)
                .inNamespace(ns)
                .withName("broken")
                .delete();
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberEnv("eu-west", ns, "web", "GREETING"))
                        .isEqualTo("bonjour"));
    }

    @Test
    void aManifestTheMemberRejectsIsReportedAndTheOtherClustersGoOn() {
        String ns = "rejected";
        federation.propagate(ns, "web", 4, EAST_AND_WEST);
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberReplicas(ns, "web"))
                        .isEqualTo(Map.of("us-east", 2, "eu-west", 2, "ap-south", -1)));

        // eu-west's copy gains a port whose number is a word: no Kubernetes API server accepts it.
        federation.apply(Manifests.overridePolicy(
                ns,
                "bad-port",
                "web",
                "eu-west",
                "{plaintext: [{op: add, path: /spec/template/spec/containers/0/ports,"
                        + " value: [{containerPort: eighty}]}]}"));
        federation.client().apps().deployments().inNamespace(ns).withName("web").scale(6);

        await().atMost(CONVERGE).untilAsserted(() -> {
            Work work = federation.work("eu-west", "Deployment", ns, "web");
            Condition applied = condition(work.getStatus().conditions(), ConditionTypes.APPLIED);
            assertThat(applied.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(applied.reason()).isEqualTo(ConditionReasons.APPLY_FAILED);
            assertThat(applied.message()).contains("containerPort");
            assertCondition(
                    federation.binding("Deployment", ns, "web").getStatus().conditions(),
                    ConditionTypes.FULLY_APPLIED,
                    ConditionStatus.FALSE,
                    ConditionReasons.APPLY_FAILED);
            assertThat(federation.events(ns, "Deployment", "web", "ApplyFailed"))
                    .anySatisfy(e -> assertThat(e.getNote()).contains("containerPort"));
            assertThat(federation.events(
                            Namespaces.executionNamespace("eu-west"),
                            "Work",
                            work.getMetadata().getName(),
                            "ApplyFailed"))
                    .isNotEmpty();
        });
        // us-east goes on with the new share; eu-west keeps what it had.
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(federation.memberReplicas(ns, "web"))
                        .isEqualTo(Map.of("us-east", 3, "eu-west", 2, "ap-south", -1)));
        assertCondition(
                federation.work("us-east", "Deployment", ns, "web").getStatus().conditions(),
                ConditionTypes.APPLIED,
                ConditionStatus.TRUE,
                ConditionReasons.APPLIED);
    }

    // --- helpers ---------------------------------------------------------------------------

    private static void assertCondition(
            List<Condition> conditions, String type, ConditionStatus status, String reason) {
        Condition condition = condition(conditions, type);
        assertThat(condition).as("condition %s in %s", type, conditions).isNotNull();
        assertThat(condition.status()).as("%s status (%s)", type, condition).isEqualTo(status);
        assertThat(condition.reason()).as("%s reason (%s)", type, condition).isEqualTo(reason);
    }

    private static double driftCorrections(String cluster) {
        return federation
                .leaderMetrics()
                .value("meridian_sync_drift_corrections_total", Map.of("cluster", cluster))
                .orElse(0);
    }
}
