package io.meridian.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.policy.PropagationPolicy;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyValidationTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private static List<String> problems(String spec) {
        PropagationPolicy policy = JSON.unmarshal("""
                apiVersion: meridian.io/v1alpha1
                kind: PropagationPolicy
                metadata: {name: p, namespace: shop}
                spec:
                """ + spec.indent(2), PropagationPolicy.class);
        return PolicyValidation.validate(policy.getSpec());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a valid policy | resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, labelSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}] |
            In without values | resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, labelSelector: {matchExpressions: [{key: app, operator: In}]}}] | spec.resourceSelectors[0].labelSelector.matchExpressions[0].values: must be specified when operator is In
            Exists with values | resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\\nplacement: {clusterAffinity: {labelSelector: {matchExpressions: [{key: tier, operator: Exists, values: [x]}]}}} | spec.placement.clusterAffinity.labelSelector.matchExpressions[0].values: may not be specified when operator is Exists
            a bad label key | resourceSelectors: [{apiVersion: v1, kind: ConfigMap, labelSelector: {matchLabels: {"-bad": x}}}] | spec.resourceSelectors[0].labelSelector.matchLabels: invalid label key "-bad"
            a bad label value | resourceSelectors: [{apiVersion: v1, kind: ConfigMap, labelSelector: {matchLabels: {app: "a b"}}}] | spec.resourceSelectors[0].labelSelector.matchLabels[app]: invalid label value "a b"
            a zero weight | resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\\nplacement: {replicaScheduling: {replicaSchedulingType: Divided, weightPreference: {staticWeightList: [{targetCluster: {clusterNames: [a]}, weight: 0}]}}} | spec.placement.replicaScheduling.weightPreference.staticWeightList[0].weight: must be at least 1, not 0
            more min than max groups | resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\\nplacement: {spreadConstraints: [{spreadByField: region, minGroups: 3, maxGroups: 2}]} | spec.placement.spreadConstraints[0]: maxGroups (2) must not be less than minGroups (3)
            Exists toleration with a value | resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\\nplacement: {clusterTolerations: [{key: k, operator: Exists, value: v}]} | spec.placement.clusterTolerations[0].value: must be empty when operator is Exists
            """)
    void findsWhatTheSchemaLetsThrough(String name, String spec, String expected) {
        List<String> problems = problems(spec.replace("\\n", "\n"));
        if (expected == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).singleElement().asString().startsWith(expected);
        }
    }
}
