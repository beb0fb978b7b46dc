package io.meridian.controller.policy;

import io.meridian.api.model.meta.LabelSelector;
import io.meridian.api.model.meta.LabelSelectorOperator;
import io.meridian.api.model.meta.LabelSelectorRequirement;
import io.meridian.api.model.meta.Patterns;
import io.meridian.api.model.meta.Toleration;
import io.meridian.api.model.meta.TolerationOperator;
import io.meridian.api.model.policy.ClusterAffinity;
import io.meridian.api.model.policy.Placement;
import io.meridian.api.model.policy.PropagationSpec;
import io.meridian.api.model.policy.ReplicaScheduling;
import io.meridian.api.model.policy.ResourceSelector;
import io.meridian.api.model.policy.SpreadConstraint;
import io.meridian.api.model.policy.StaticClusterWeight;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a propagation policy for what the API's schema cannot refuse: the rules its types declare
 * as CEL expressions (which the federation API server does not evaluate), label keys and values,
 * and what the scheduler needs of weights. Each problem names its field, as kube-apiserver's
 * field errors do.
 */
public final class PolicyValidation {

    private static final Pattern QUALIFIED_NAME = Pattern.compile(Patterns.QUALIFIED_NAME);
    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

    private PolicyValidation() {}

    /** The problems of {@code spec}, such as {@code spec.placement...: values must be non-empty}; empty when valid. */
    public static List<String> validate(PropagationSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            problems.add("spec: required");
            return problems;
        }
        List<ResourceSelector> selectors = spec.resourceSelectors();
        if (selectors.isEmpty()) {
            problems.add("spec.resourceSelectors: at least one selector is required");
        }
        for (int i = 0; i < selectors.size(); i++) {
            ResourceSelector selector = selectors.get(i);
            String field = "spec.resourceSelectors[" + i + "]";
            if (selector == null) {
                problems.add(field + ": required");
                continue;
            }
            if (isBlank(selector.apiVersion())) {
                problems.add(field + ".apiVersion: required");
            }
            if (isBlank(selector.kind())) {
                problems.add(field + ".kind: required");
            }
            labelSelector(selector.labelSelector(), field + ".labelSelector", problems);
        }
        placement(spec.placement(), problems);
        return List.copyOf(problems);
    }

    /** The problems of a placement alone, as copied into a binding; fields are under {@code spec.placement}. */
    public static List<String> validate(Placement placement) {
        List<String> problems = new ArrayList<>();
        placement(placement, problems);
        return List.copyOf(problems);
    }

    private static void placement(Placement placement, List<String> problems) {
        if (placement == null) {
            return;
        }
        affinity(placement.clusterAffinity(), "spec.placement.clusterAffinity", problems);
        List<Toleration> tolerations = placement.clusterTolerations();
        for (int i = 0; i < tolerations.size(); i++) {
            toleration(tolerations.get(i), "spec.placement.clusterTolerations[" + i + "]", problems);
        }
        List<SpreadConstraint> spread = placement.spreadConstraints();
        for (int i = 0; i < spread.size(); i++) {
            SpreadConstraint constraint = spread.get(i);
            String field = "spec.placement.spreadConstraints[" + i + "]";
            if (constraint == null || constraint.spreadByField() == null) {
                problems.add(field + ".spreadByField: required");
                continue;
            }
            if (constraint.minGroups() != null && constraint.minGroups() < 1) {
                problems.add(field + ".minGroups: must be at least 1");
            }
            if (constraint.maxGroups() != null && constraint.maxGroups() < 1) {
                problems.add(field + ".maxGroups: must be at least 1");
            }
            if (constraint.minGroups() != null
                    && constraint.maxGroups() != null
                    && constraint.maxGroups() < constraint.minGroups()) {
                problems.add(field + ": maxGroups (" + constraint.maxGroups() + ") must not be less than minGroups ("
                        + constraint.minGroups() + ")");
            }
        }
        ReplicaScheduling scheduling = placement.replicaScheduling();
        if (scheduling != null && scheduling.weightPreference() != null) {
            List<StaticClusterWeight> weights = scheduling.weightPreference().staticWeightList();
            for (int i = 0; i < weights.size(); i++) {
                StaticClusterWeight weight = weights.get(i);
                String field = "spec.placement.replicaScheduling.weightPreference.staticWeightList[" + i + "]";
                if (weight == null) {
                    problems.add(field + ": required");
                    continue;
                }
                if (weight.weight() == null || weight.weight() < 1) {
                    problems.add(field + ".weight: must be at least 1, not " + weight.weight());
                }
                if (weight.targetCluster() == null) {
                    problems.add(field + ".targetCluster: required");
                } else {
                    affinity(weight.targetCluster(), field + ".targetCluster", problems);
                }
            }
        }
    }

    private static void affinity(ClusterAffinity affinity, String field, List<String> problems) {
        if (affinity != null) {
            labelSelector(affinity.labelSelector(), field + ".labelSelector", problems);
        }
    }

    private static void toleration(Toleration toleration, String field, List<String> problems) {
        if (toleration == null) {
            problems.add(field + ": required");
            return;
        }
        boolean exists = toleration.operator() == TolerationOperator.EXISTS;
        if (exists && !isBlank(toleration.value())) {
            problems.add(field + ".value: must be empty when operator is Exists");
        }
        if (isBlank(toleration.key()) && !exists) {
            problems.add(field + ".key: an empty key requires operator Exists");
        }
    }

    /** The problems of a label selector, as kube's {@code ValidateLabelSelector} reports them. */
    public static void labelSelector(LabelSelector selector, String field, List<String> problems) {
        if (selector == null) {
            return;
        }
        for (Map.Entry<String, String> label : selector.matchLabels().entrySet()) {
            labelKey(label.getKey(), field + ".matchLabels", problems);
            labelValue(label.getValue(), field + ".matchLabels[" + label.getKey() + "]", problems);
        }
        List<LabelSelectorRequirement> requirements = selector.matchExpressions();
        for (int i = 0; i < requirements.size(); i++) {
            LabelSelectorRequirement requirement = requirements.get(i);
            String at = field + ".matchExpressions[" + i + "]";
            if (requirement == null) {
                problems.add(at + ": required");
                continue;
            }
            labelKey(requirement.key(), at + ".key", problems);
            LabelSelectorOperator operator = requirement.operator();
            if (operator == null) {
                problems.add(at + ".operator: required");
                continue;
            }
            boolean needsValues = operator == LabelSelectorOperator.IN || operator == LabelSelectorOperator.NOT_IN;
            if (needsValues && requirement.values().isEmpty()) {
                problems.add(at + ".values: must be specified when operator is " + name(operator));
            }
            if (!needsValues && !requirement.values().isEmpty()) {
                problems.add(at + ".values: may not be specified when operator is " + name(operator));
            }
            for (String value : requirement.values()) {
                labelValue(value, at + ".values", problems);
            }
        }
    }

    private static void labelKey(String key, String field, List<String> problems) {
        if (key == null || key.isEmpty()) {
            problems.add(field + ": a label key is required");
            return;
        }
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        if (!QUALIFIED_NAME.matcher(key).matches() || name.length() > 63 || prefix.length() > 253) {
            problems.add(field + ": invalid label key \"" + key + "\": a qualified name is at most 63 alphanumeric"
                    + " characters, '-', '_' or '.', starting and ending alphanumeric, with an optional DNS"
                    + " subdomain prefix and '/'");
        }
    }

    private static void labelValue(String value, String field, List<String> problems) {
        if (value == null || value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
            problems.add(field + ": invalid label value \"" + value + "\": at most 63 alphanumeric characters, '-',"
                    + " '_' or '.', starting and ending alphanumeric");
        }
    }

    private static String name(LabelSelectorOperator operator) {
        return switch (operator) {
            case IN -> "In";
            case NOT_IN -> "NotIn";
            case EXISTS -> "Exists";
            case DOES_NOT_EXIST -> "DoesNotExist";
        };
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
