package io.meridian.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.work.ManifestStatus;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.ResourceIdentifier;
import io.meridian.api.model.work.Work;
import io.meridian.api.model.work.WorkSpec;
import io.meridian.api.model.work.WorkStatus;
import io.meridian.api.model.work.WorkloadTemplate;
import io.meridian.controller.overrides.OverrideFailure;
import io.meridian.controller.overrides.RuleRef;
import io.meridian.controller.render.WorkRenderer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregationTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final ResourceIdentifier DEPLOYMENT =
            new ResourceIdentifier(0, "apps", "v1", "Deployment", "deployments", "shop", "web");
    private static final ResourceIdentifier CONFIG_MAP =
            new ResourceIdentifier(1, null, "v1", "ConfigMap", "configmaps", "shop", "web-config");

    private static GenericKubernetesResource deployment(int replicas) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withNewMetadata()
                .withName("web")
                .withNamespace("shop")
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("replicas", replicas)))
                .build();
    }

    private static GenericKubernetesResource configMap() {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withNewMetadata()
                .withName("web-config")
                .withNamespace("shop")
                .endMetadata()
                .build();
    }

    private static Work work(long generation, int replicas, ManifestStatus... entries) {
        Work work = new Work(
                "meridian-cluster-us-east",
                "shop.web-deployment",
                WorkSpec.of(new WorkloadTemplate(List.of(deployment(replicas), configMap()))));
        work.getMetadata().setGeneration(generation);
        if (entries.length > 0) {
            work.setStatus(new WorkStatus(null, List.of(entries)));
        }
        return work;
    }

    private static WorkRenderer.Rendered rendered(int replicas) {
        return new WorkRenderer.Rendered("us-east", work(1, replicas), List.of());
    }

    private static ObjectNode ready(int replicas) {
        return JsonNodeFactory.instance.objectNode().put("readyReplicas", replicas);
    }

    @Test
    void aCurrentWorkWhoseManifestsAreAllAppliedIsApplied() {
        Work work = work(
                3,
                4,
                ManifestStatus.applied(DEPLOYMENT, ResourceHealth.HEALTHY, ready(4), 3L),
                ManifestStatus.applied(CONFIG_MAP, ResourceHealth.HEALTHY, null, 3L));

        Aggregation.ClusterView view = Aggregation.view("us-east", work, rendered(4));

        assertThat(view.state()).isEqualTo(Aggregation.State.APPLIED);
        assertThat(view.current()).isTrue();
        assertThat(view.item().applied()).isTrue();
        assertThat(view.item().health()).isEqualTo(ResourceHealth.HEALTHY);
        assertThat(view.forObject().status()).isEqualTo(ready(4));
    }

    @Test
    void aWorkOlderThanTheTemplateCountsWithoutStatus() {
        Work work = work(
                3,
                4,
                ManifestStatus.applied(DEPLOYMENT, ResourceHealth.HEALTHY, ready(4), 3L),
                ManifestStatus.applied(CONFIG_MAP, ResourceHealth.HEALTHY, null, 3L));

        Aggregation.ClusterView view = Aggregation.view("us-east", work, rendered(5));

        assertThat(view.state()).isEqualTo(Aggregation.State.PENDING);
        assertThat(view.current()).isFalse();
        assertThat(view.forObject().status()).isNull();
        assertThat(view.item().status()).isEqualTo(ready(4));
    }

    @Test
    void aReportAboutAnOlderGenerationOfTheWorkIsNotCurrent() {
        Work work = work(
                4,
                4,
                ManifestStatus.applied(DEPLOYMENT, ResourceHealth.HEALTHY, ready(4), 3L),
                ManifestStatus.applied(CONFIG_MAP, ResourceHealth.HEALTHY, null, 3L));

        Aggregation.ClusterView view = Aggregation.view("us-east", work, rendered(4));

        assertThat(view.state()).isEqualTo(Aggregation.State.PENDING);
        assertThat(view.current()).isFalse();
        assertThat(view.item().health()).isEqualTo(ResourceHealth.UNKNOWN);
    }

    @Test
    void aRefusedOrConflictingManifestFailsTheCluster() {
        Work refused = work(
                2,
                4,
                ManifestStatus.failed(DEPLOYMENT, ConditionReasons.APPLY_FAILED, "denied by webhook", 2L),
                ManifestStatus.applied(CONFIG_MAP, ResourceHealth.HEALTHY, null, 2L));
        Work conflicting = work(
                2, 4, ManifestStatus.failed(CONFIG_MAP, ConditionReasons.CONFLICT, "exists and is not Meridian's", 2L));

        Aggregation.ClusterView failed = Aggregation.view("us-east", refused, rendered(4));
        Aggregation.ClusterView conflict = Aggregation.view("eu-west", conflicting, rendered(4));

        assertThat(failed.state()).isEqualTo(Aggregation.State.FAILED);
        assertThat(failed.message()).contains("Deployment shop/web").contains("denied by webhook");
        assertThat(conflict.state()).isEqualTo(Aggregation.State.CONFLICT);
        Condition condition = Aggregation.fullyApplied(List.of(failed, conflict), false, 5L, NOW);
        assertThat(condition.status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(condition.reason()).isEqualTo(ConditionReasons.APPLY_FAILED);
        assertThat(condition.message()).startsWith("us-east: ");
        assertThat(condition.observedGeneration()).isEqualTo(5L);
        assertThat(Aggregation.fullyApplied(List.of(conflict), false, 5L, NOW).reason())
                .isEqualTo(ConditionReasons.CONFLICT);
    }

    @Test
    void failedOverridesAreReportedForTheirCluster() {
        WorkRenderer.Failed outcome = new WorkRenderer.Failed(
                "ap-south",
                List.of(new OverrideFailure(
                        new RuleRef("OverridePolicy", "shop", "broken", 0),
                        "plaintext[0]",
                        "the path /x does not exist")));

        Aggregation.ClusterView view = Aggregation.view("ap-south", work(1, 2), outcome);
        Condition condition = Aggregation.fullyApplied(List.of(view), false, 1L, NOW);

        assertThat(view.state()).isEqualTo(Aggregation.State.NOT_RENDERED);
        assertThat(condition.reason()).isEqualTo(ConditionReasons.APPLY_FAILED);
        assertThat(condition.message())
                .isEqualTo("ap-south: OverridePolicy shop/broken rule 0, plaintext[0]: the path /x does not exist;"
                        + " the cluster's Work is left as it was");
    }

    @Test
    void fullyAppliedOnlyWhenEveryTargetIs() {
        Aggregation.ClusterView applied = Aggregation.view(
                "us-east",
                work(
                        1,
                        4,
                        ManifestStatus.applied(DEPLOYMENT, ResourceHealth.HEALTHY, ready(4), 1L),
                        ManifestStatus.applied(CONFIG_MAP, ResourceHealth.HEALTHY, null, 1L)),
                rendered(4));
        Aggregation.ClusterView missing = Aggregation.view("eu-west", null, rendered(4));

        Condition partial = Aggregation.fullyApplied(List.of(applied, missing), false, 1L, NOW);
        assertThat(partial.status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(partial.reason()).isEqualTo(ConditionReasons.PARTIALLY_APPLIED);
        assertThat(partial.message()).isEqualTo("applied in 1 of 2 clusters; waiting for eu-west");

        Condition full = Aggregation.fullyApplied(List.of(applied), false, 1L, NOW);
        assertThat(full.status()).isEqualTo(ConditionStatus.TRUE);
        assertThat(full.reason()).isEqualTo(ConditionReasons.APPLIED);

        assertThat(Aggregation.fullyApplied(List.of(applied), true, 1L, NOW).reason())
                .isEqualTo(ConditionReasons.SUSPENDED);
        assertThat(Aggregation.fullyApplied(List.of(), false, 1L, NOW).status()).isEqualTo(ConditionStatus.FALSE);
    }
}
