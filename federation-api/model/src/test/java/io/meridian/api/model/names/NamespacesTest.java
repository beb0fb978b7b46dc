package io.meridian.api.model.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamespacesTest {

    @Test
    void executionNamespaceAndClusterOfAreInverse() {
        assertThat(Namespaces.executionNamespace("us-east-1")).isEqualTo("meridian-cluster-us-east-1");
        assertThat(Namespaces.clusterOf("meridian-cluster-us-east-1")).contains("us-east-1");
        assertThat(Namespaces.isExecutionNamespace("meridian-cluster-eu-west")).isTrue();
    }

    @Test
    void otherNamespacesBelongToNoCluster() {
        assertThat(Namespaces.clusterOf("default")).isEmpty();
        assertThat(Namespaces.clusterOf(Namespaces.SYSTEM)).isEmpty();
        assertThat(Namespaces.clusterOf("meridian-cluster-")).isEmpty();
        assertThat(Namespaces.clusterOf("meridian-cluster-Bad_Name")).isEmpty();
        assertThat(Namespaces.clusterOf(null)).isEmpty();
        assertThat(Namespaces.isExecutionNamespace("meridian-clusters")).isFalse();
    }

    @Test
    void clusterNamesMustLeaveRoomForThePrefix() {
        String longest = "a".repeat(Namespaces.MAX_CLUSTER_NAME_LENGTH);
        assertThat(Namespaces.MAX_CLUSTER_NAME_LENGTH).isEqualTo(46);
        assertThat(Namespaces.executionNamespace(longest)).hasSize(63);
        assertThatThrownBy(() -> Namespaces.executionNamespace(longest + "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 46");
        assertThatThrownBy(() -> Namespaces.executionNamespace("US-East")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Namespaces.executionNamespace("-edge")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Namespaces.executionNamespace("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void conventionsHaveTheirAgreedValues() {
        assertThat(Finalizers.CLEANUP).isEqualTo("meridian.io/cleanup");
        assertThat(FieldManagers.MERIDIAN).isEqualTo("meridian");
        assertThat(Namespaces.SYSTEM).isEqualTo("meridian-system");
        assertThat(MeridianLabels.MANAGED_BY).isEqualTo("meridian.io/managed-by");
        assertThat(MeridianLabels.WORK_NAME).isEqualTo("meridian.io/work-name");
        assertThat(MeridianLabels.WORK_NAMESPACE).isEqualTo("meridian.io/work-namespace");
        assertThat(MeridianLabels.CLUSTER).isEqualTo("meridian.io/cluster");
        assertThat(MeridianLabels.POLICY_NAME).isEqualTo("meridian.io/policy-name");
        assertThat(MeridianLabels.POLICY_NAMESPACE).isEqualTo("meridian.io/policy-namespace");
        assertThat(MeridianLabels.BINDING_NAME).isEqualTo("meridian.io/binding-name");
        assertThat(ConditionTypes.READY).isEqualTo("Ready");
        assertThat(ConditionTypes.FULLY_APPLIED).isEqualTo("FullyApplied");
    }
}
