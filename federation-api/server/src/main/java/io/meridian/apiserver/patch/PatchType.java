package io.meridian.apiserver.patch;

import io.meridian.apiserver.status.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The patch formats a PATCH request may carry, told apart by its {@code Content-Type} as
 * kube-apiserver does. Server-side apply ({@link #APPLY}) is only recognised here; it is carried
 * out by the field manager, not by a patch engine of this package.
 */
public enum PatchType {
    /** RFC 6902, see {@link JsonPatches}. */
    JSON("application/json-patch+json"),
    /** RFC 7386, see {@link MergePatch}. */
    MERGE("application/merge-patch+json"),
    /** kube's strategic merge patch, see {@link StrategicMergePatch}. Native kinds only. */
    STRATEGIC_MERGE("application/strategic-merge-patch+json"),
    /** Server-side apply with a YAML (or JSON) body. */
    APPLY("application/apply-patch+yaml");

    /** What a native kind accepts, in the order kube lists them in its 415 message. */
    public static final List<PatchType> NATIVE = List.of(JSON, MERGE, STRATEGIC_MERGE, APPLY);

    /**
     * What a custom resource accepts: strategic merge needs patch metadata that a CRD schema does
     * not carry, so kube refuses it with 415 there.
     */
    public static final List<PatchType> CUSTOM_RESOURCE = List.of(JSON, MERGE, APPLY);

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The patch type of a request to a native kind; see {@link #fromContentType(String, List)}. */
    public static PatchType fromContentType(String contentType) {
        return fromContentType(contentType, NATIVE);
    }

    /**
     * The patch type named by {@code contentType} (parameters such as {@code ; charset=utf-8} are
     * ignored), if it is one of {@code supported}.
     *
     * @throws ApiException 415 listing the supported media types otherwise, worded as kube does
     */
    public static PatchType fromContentType(String contentType, List<PatchType> supported) {
        String mediaType = contentType == null ? "" : contentType;
        int semicolon = mediaType.indexOf(';');
        if (semicolon > 0) {
            mediaType = mediaType.substring(0, semicolon);
        }
        // kube compares the bare string; media types are case-insensitive, so accept any case
        mediaType = mediaType.trim().toLowerCase(Locale.ROOT);
        for (PatchType type : supported) {
            if (type.mediaType.equals(mediaType)) {
                return type;
            }
        }
        throw ApiException.of(
                415,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: "
                        + supported.stream().map(PatchType::mediaType).collect(Collectors.joining(", ")));
    }
}
