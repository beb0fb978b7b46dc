package io.meridian.membersync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.reconciler.ObjectKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    private static ConfigMap withMetadata(Map<String, String> labels, Map<String, String> annotations) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cm")
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .build();
    }

    @Test
    void anObjectAppliedFromAWorkCarriesItsLabelsAndLeadsBackToIt() {
        ObjectKey work = new ObjectKey("meridian-cluster-us-east", "default.web-deployment");
        ConfigMap cm = withMetadata(Ownership.labels(work), Ownership.annotations(work));

        assertThat(cm.getMetadata().getLabels())
                .containsEntry(MeridianLabels.MANAGED_BY, "meridian")
                .containsEntry(MeridianLabels.WORK_NAME, "default.web-deployment")
                .containsEntry(MeridianLabels.WORK_NAMESPACE, "meridian-cluster-us-east");
        assertThat(cm.getMetadata().getAnnotations()).isEmpty();
        assertThat(Ownership.isManaged(cm)).isTrue();
        assertThat(Ownership.workOf(cm)).contains(work);
        assertThat(Ownership.indexKeyOf(cm)).contains(Ownership.indexKey(work));
    }

    @Test
    void aWorkNameTooLongForALabelIsShortenedThereAndKeptWholeInAnAnnotation() {
        String longName = "team-with-a-long-namespace." + "a".repeat(120) + "-deployment";
        String otherLongName = "team-with-a-long-namespace." + "a".repeat(120) + "-statefulset";
        ObjectKey work = new ObjectKey("meridian-cluster-eu-west", longName);
        ConfigMap cm = withMetadata(Ownership.labels(work), Ownership.annotations(work));

        String label = cm.getMetadata().getLabels().get(MeridianLabels.WORK_NAME);
        assertThat(label).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9._]*[a-z0-9])?");
        assertThat(label)
                .isNotEqualTo(Ownership.labels(new ObjectKey(work.namespace(), otherLongName))
                        .get(MeridianLabels.WORK_NAME));
        assertThat(Ownership.workOf(cm)).contains(work);
        assertThat(Ownership.indexKeyOf(cm)).contains(Ownership.indexKey(work));
    }

    @Test
    void anObjectWithoutTheManagedByLabelIsNotMeridians() {
        ConfigMap theirs = withMetadata(
                Map.of(MeridianLabels.WORK_NAME, "w", MeridianLabels.WORK_NAMESPACE, "meridian-cluster-x"), Map.of());
        assertThat(Ownership.isManaged(theirs)).isFalse();
        assertThat(Ownership.workOf(theirs)).isEmpty();
        assertThat(Ownership.isManaged(null)).isFalse();
    }

    @Test
    void refsIgnoreTheVersionAndSplitTheApiVersion() {
        assertThat(ObjectRef.groupOf("apps/v1")).isEqualTo("apps");
        assertThat(ObjectRef.groupOf("v1")).isEmpty();
        assertThat(ObjectRef.versionOf("apps/v1")).isEqualTo("v1");
        assertThat(ObjectRef.versionOf("v1")).isEqualTo("v1");
        assertThat(new ObjectRef("apps", "Deployment", "", "web"))
                .isEqualTo(new ObjectRef("apps", "Deployment", null, "web"));
        assertThat(new ObjectRef(null, "ConfigMap", "ns", "c").key()).isEqualTo("/ConfigMap/ns/c");
    }
}
