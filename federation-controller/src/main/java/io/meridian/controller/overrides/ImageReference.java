package io.meridian.controller.overrides;

import io.meridian.api.model.override.ImageComponent;
import io.meridian.api.model.override.OverriderOperator;
import java.util.Locale;

/**
 * A container image reference split as {@code [registry/]repository[:tag][@digest]}.
 *
 * <p>The first path component is the registry when it looks like a host, by Docker's rule: it
 * contains a dot or a colon, is {@code localhost}, or has upper-case letters. So {@code
 * library/nginx} has no registry and repository {@code library/nginx}, while {@code
 * registry.example.com:5000/team/app} has registry {@code registry.example.com:5000}. An image
 * without a registry pulls from {@code docker.io}, which is what a registry suffix is added to.
 *
 * @param registry the registry host and port; null when absent
 * @param repository the repository path; never empty
 * @param tag the tag; null when absent
 * @param digest the digest, such as {@code sha256:...}; null when absent
 */
record ImageReference(String registry, String repository, String tag, String digest) {

    private static final String DEFAULT_REGISTRY = "docker.io";

    static ImageReference parse(String image) throws OverrideException {
        if (image == null || image.isBlank()) {
            throw new OverrideException("the image is empty");
        }
        String rest = image.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0 && looksLikeHost(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        if (rest.isEmpty() || (tag != null && tag.isEmpty()) || (digest != null && digest.isEmpty())) {
            throw new OverrideException("the image " + image + " is not a valid reference");
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    private static boolean looksLikeHost(String component) {
        return component.contains(".")
                || component.contains(":")
                || component.equals("localhost")
                || !component.equals(component.toLowerCase(Locale.ROOT));
    }

    /**
     * This reference with {@code component} changed by {@code operator}.
     *
     * <ul>
     *   <li>Registry: add appends the value to the registry's host name, before any port ({@code
     *       docker.io} when absent), remove drops it, replace sets it (an empty value drops it).
     *   <li>Repository: add appends the value, replace sets it; it cannot be removed.
     *   <li>Tag: add appends the value to the tag (sets it when there is none; fails on an image
     *       pinned only by digest), remove drops the tag, or the digest when there is no tag, replace
     *       sets the tag and drops the digest, or sets the digest and drops the tag when the value
     *       is a digest ({@code algorithm:hex}).
     * </ul>
     */
    ImageReference with(ImageComponent component, OverriderOperator operator, String value) throws OverrideException {
        String v = value == null ? "" : value;
        return switch (component) {
            case REGISTRY ->
                switch (operator) {
                    case ADD ->
                        new ImageReference(
                                withSuffix(registry == null ? DEFAULT_REGISTRY : registry, v), repository, tag, digest);
                    case REMOVE -> new ImageReference(null, repository, tag, digest);
                    case REPLACE -> new ImageReference(v.isEmpty() ? null : v, repository, tag, digest);
                };
            case REPOSITORY ->
                switch (operator) {
                    case ADD -> new ImageReference(registry, repository + v, tag, digest);
                    case REMOVE -> throw new OverrideException("the repository of an image cannot be removed");
                    case REPLACE -> {
                        if (v.isEmpty()) {
                            throw new OverrideException("replacing the repository needs a value");
                        }
                        yield new ImageReference(registry, v, tag, digest);
                    }
                };
            case TAG ->
                switch (operator) {
                    case ADD -> {
                        if (tag == null && digest != null) {
                            throw new OverrideException(
                                    "the image " + this + " is pinned by digest and has no tag to" + " add to");
                        }
                        yield new ImageReference(registry, repository, tag == null ? v : tag + v, digest);
                    }
                    case REMOVE ->
                        tag != null
                                ? new ImageReference(registry, repository, null, digest)
                                : new ImageReference(registry, repository, null, null);
                    case REPLACE -> {
                        if (v.isEmpty()) {
                            throw new OverrideException("replacing the tag needs a value");
                        }
                        yield v.contains(":")
                                ? new ImageReference(registry, repository, null, v)
                                : new ImageReference(registry, repository, v, null);
                    }
                };
        };
    }

    private static String withSuffix(String registry, String suffix) {
        int colon = registry.lastIndexOf(':');
        return colon > registry.lastIndexOf(']')
                ? registry.substring(0, colon) + suffix + registry.substring(colon)
                : registry + suffix;
    }

    @Override
    public String toString() {
        return (registry == null ? "" : registry + "/")
                + repository
                + (tag == null ? "" : ":" + tag)
                + (digest == null ? "" : "@" + digest);
    }
}
