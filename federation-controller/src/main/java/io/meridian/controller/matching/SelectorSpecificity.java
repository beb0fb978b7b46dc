package io.meridian.controller.matching;

import io.meridian.api.model.meta.LabelSelector;
import io.meridian.api.model.policy.ResourceSelector;
import java.util.Collection;
import java.util.Optional;

/**
 * How precisely a resource selector designates an object, from the least to the most precise; the
 * more precise match wins between policies of equal priority.
 */
public enum SelectorSpecificity {
    /** The selector names only the type (and perhaps the namespace), or has an empty label selector. */
    KIND("by kind"),
    /** A non-empty label selector matched the object's labels. */
    LABEL_SELECTOR("by label selector"),
    /** The selector names the object. */
    NAME("by name");

    private final String phrase;

    SelectorSpecificity(String phrase) {
        this.phrase = phrase;
    }

    /** A phrase for messages, such as {@code by name}. */
    public String phrase() {
        return phrase;
    }

    /** How precisely {@code selector} designates {@code resource}, or empty if it does not select it. */
    public static Optional<SelectorSpecificity> of(ResourceSelector selector, ResourceIdentity resource) {
        if (selector == null
                || !selector.matches(
                        resource.apiVersion(),
                        resource.kind(),
                        resource.namespace(),
                        resource.name(),
                        resource.labels())) {
            return Optional.empty();
        }
        if (selector.name() != null) {
            return Optional.of(NAME);
        }
        return Optional.of(isEmpty(selector.labelSelector()) ? KIND : LABEL_SELECTOR);
    }

    /** The most precise match among {@code selectors}, or empty if none selects {@code resource}. */
    public static Optional<Match> best(Collection<ResourceSelector> selectors, ResourceIdentity resource) {
        Match best = null;
        int index = 0;
        for (ResourceSelector selector : selectors) {
            Optional<SelectorSpecificity> specificity = of(selector, resource);
            if (specificity.isPresent() && (best == null || specificity.get().compareTo(best.specificity()) > 0)) {
                best = new Match(index, selector, specificity.get());
            }
            index++;
        }
        return Optional.ofNullable(best);
    }

    /** One selector of a policy that selected the object, and how precisely. */
    public record Match(int index, ResourceSelector selector, SelectorSpecificity specificity) {}

    private static boolean isEmpty(LabelSelector selector) {
        return selector == null
                || (selector.matchLabels().isEmpty()
                        && selector.matchExpressions().isEmpty());
    }
}
