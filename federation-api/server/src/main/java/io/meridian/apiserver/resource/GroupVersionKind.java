package io.meridian.apiserver.resource;

/** A kind in one API version; the core group is the empty string. */
public record GroupVersionKind(String group, String version, String kind) {

    public GroupVersionKind {
        group = group == null ? "" : group;
    }

    /** Parses an {@code apiVersion} such as {@code apps/v1} or {@code v1}. */
    public static GroupVersionKind of(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        return slash < 0
                ? new GroupVersionKind("", apiVersion, kind)
                : new GroupVersionKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    @Override
    public String toString() {
        return apiVersion() + ", Kind=" + kind;
    }
}
