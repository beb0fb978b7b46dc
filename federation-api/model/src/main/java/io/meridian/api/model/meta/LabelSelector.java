package io.meridian.api.model.meta;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/**
 * A label query in the shape of Kubernetes' {@code metav1.LabelSelector}: all of {@code
 * matchLabels} and all of {@code matchExpressions} must hold. An empty selector matches everything.
 */
@ApiType
public record LabelSelector(
        @JsonPropertyDescription("Labels that must all be present with exactly these values.")
        Map<String, String> matchLabels,

        @JsonPropertyDescription("Requirements that must all hold.")
        List<LabelSelectorRequirement> matchExpressions) {

    public LabelSelector {
        matchLabels = ApiValues.map(matchLabels);
        matchExpressions = ApiValues.list(matchExpressions);
    }

    /** A selector on exact label values. */
    public static LabelSelector of(Map<String, String> matchLabels) {
        return new LabelSelector(matchLabels, null);
    }

    /** Whether {@code labels} (null meaning none) satisfy the selector. */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                return false;
            }
        }
        return matchExpressions.stream().allMatch(r -> r.matches(actual));
    }
}
