package io.meridian.api.model.meta;

/**
 * Fragments merged into generated schemas by {@link SchemaMerge} through the CRD generator's
 * {@code @SchemaCustomizer}, for the OpenAPI extensions that no field annotation can express.
 *
 * <p>List types matter to server-side apply: a {@code map} list keyed by {@code type} lets two
 * managers own different conditions of one object instead of replacing each other's.
 */
public final class SchemaPatches {

    private SchemaPatches() {}

    /** {@code conditions} is a list map keyed by {@code type}. */
    public static final String CONDITIONS_LIST_MAP =
            "{\"properties\":{\"conditions\":{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"type\"]}}}";

    /**
     * The object is a whole Kubernetes object of any kind: apiVersion, kind, metadata and the rest.
     */
    public static final String EMBEDDED_RESOURCE =
            "{\"x-kubernetes-embedded-resource\":true,\"x-kubernetes-preserve-unknown-fields\":true}";

    /** {@code clusters} is a list map keyed by {@code name}: one entry per cluster. */
    public static final String CLUSTERS_LIST_MAP =
            "{\"properties\":{\"clusters\":{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"name\"]}}}";

    /**
     * {@code conditions} keyed by {@code type}, and {@code aggregatedStatus} keyed by {@code
     * clusterName}.
     */
    public static final String BINDING_STATUS_LIST_MAPS = "{\"properties\":{"
            + "\"conditions\":{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"type\"]},"
            + "\"aggregatedStatus\":{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"clusterName\"]}}}";
}
