package io.meridian.api.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.meta.LabelSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {

    @Test
    void clusterAffinityCriteriaMustAllHold() {
        ClusterAffinity affinity = new ClusterAffinity(
                List.of("us-east-1", "eu-west-1"),
                List.of("eu-west-1"),
                LabelSelector.of(Map.of("tier", "gold")),
                List.of("us-east", "eu-west"));

        assertThat(affinity.matches("us-east-1", "us-east", Map.of("tier", "gold")))
                .isTrue();
        assertThat(affinity.matches("eu-west-1", "eu-west", Map.of("tier", "gold")))
                .as("excluded")
                .isFalse();
        assertThat(affinity.matches("us-east-1", "us-east", Map.of("tier", "silver")))
                .as("labels")
                .isFalse();
        assertThat(affinity.matches("us-east-1", "ap-south", Map.of("tier", "gold")))
                .as("region")
                .isFalse();
        assertThat(affinity.matches("us-east-2", "us-east", Map.of("tier", "gold")))
                .as("name")
                .isFalse();
    }

    @Test
    void emptyAffinityMatchesEveryCluster() {
        ClusterAffinity any = new ClusterAffinity(null, null, null, null);
        assertThat(any.matches("x", null, null)).isTrue();
        assertThat(any.clusterNames()).isEmpty();
    }

    @Test
    void clusterAffinityReadsTheClusterObject() {
        Cluster cluster =
                new Cluster("eu-west-1", ClusterSpec.builder().region("eu-west").build());
        cluster.getMetadata().setLabels(Map.of("tier", "gold"));

        assertThat(ClusterAffinity.regions("eu-west").matches(cluster)).isTrue();
        assertThat(ClusterAffinity.names("us-east-1").matches(cluster)).isFalse();
        assertThat(new ClusterAffinity(null, null, LabelSelector.of(Map.of("tier", "gold")), null).matches(cluster))
                .isTrue();
        assertThat(ClusterAffinity.regions("eu-west").matches(new Cluster("no-spec", null)))
                .isFalse();
    }

    @Test
    void resourceSelectorMatchesByTypeThenNameOrLabels() {
        Map<String, String> labels = Map.of("app", "web");
        ResourceSelector byType = ResourceSelector.of("apps/v1", "Deployment");
        ResourceSelector byName = ResourceSelector.named("apps/v1", "Deployment", "shop", "web");
        ResourceSelector byLabels =
                new ResourceSelector("apps/v1", "Deployment", null, null, LabelSelector.of(Map.of("app", "api")));
        ResourceSelector nameWins =
                new ResourceSelector("apps/v1", "Deployment", null, "web", LabelSelector.of(Map.of("app", "api")));

        assertThat(byType.matches("apps/v1", "Deployment", "shop", "web", labels))
                .isTrue();
        assertThat(byType.matches("apps/v1", "StatefulSet", "shop", "web", labels))
                .isFalse();
        assertThat(byType.matches("apps/v1beta1", "Deployment", "shop", "web", labels))
                .isFalse();
        assertThat(byName.matches("apps/v1", "Deployment", "shop", "web", labels))
                .isTrue();
        assertThat(byName.matches("apps/v1", "Deployment", "blog", "web", labels))
                .isFalse();
        assertThat(byName.matches("apps/v1", "Deployment", "shop", "api", labels))
                .isFalse();
        assertThat(byLabels.matches("apps/v1", "Deployment", "shop", "web", labels))
                .isFalse();
        assertThat(nameWins.matches("apps/v1", "Deployment", "shop", "web", labels))
                .isTrue();
    }

    @Test
    void absentSettingsTakeTheDocumentedDefaults() {
        PropagationSpec spec = PropagationSpec.builder()
                .resourceSelectors(ResourceSelector.of("v1", "ConfigMap"))
                .build();

        assertThat(spec.effectiveConflictResolution()).isEqualTo(ConflictResolution.ABORT);
        assertThat(spec.effectiveApplyStrategy()).isEqualTo(ApplyStrategy.SERVER_SIDE_APPLY);
        assertThat(spec.effectivePropagateDeps()).isTrue();
        assertThat(spec.effectivePriority()).isZero();
        assertThat(spec.suspended()).isFalse();
        assertThat(spec.effectiveFailover()).isEqualTo(FailoverBehavior.DEFAULTS);

        FailoverBehavior partial = new FailoverBehavior(60L, null, null, null);
        assertThat(partial.effectiveNotReadyTolerationSeconds()).isEqualTo(60);
        assertThat(partial.effectiveUnreachableTolerationSeconds()).isEqualTo(300);
        assertThat(partial.effectivePurgeMode()).isEqualTo(PurgeMode.GRACEFUL);
        assertThat(partial.effectiveGracePeriodSeconds()).isEqualTo(600);
    }

    @Test
    void toBuilderCopiesEveryField() {
        PropagationSpec spec = PropagationSpec.builder()
                .resourceSelectors(ResourceSelector.of("apps/v1", "Deployment"))
                .placement(Placement.of(ClusterAffinity.regions("us-east"))
                        .withReplicaScheduling(ReplicaScheduling.byAvailableReplicas())
                        .withSpreadConstraints(List.of(SpreadConstraint.of(SpreadByField.REGION, 2, 3))))
                .failover(FailoverBehavior.DEFAULTS)
                .conflictResolution(ConflictResolution.OVERWRITE)
                .applyStrategy(ApplyStrategy.UPDATE)
                .propagateDeps(false)
                .priority(5)
                .suspend(true)
                .build();

        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(spec.toBuilder().priority(6).build().priority()).isEqualTo(6);
    }
}
