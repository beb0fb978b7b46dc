package io.meridian.api.model;

/** The group and version of the Meridian API. */
public final class MeridianApi {

    private MeridianApi() {}

    /** The API group of every Meridian kind. */
    public static final String GROUP = "meridian.io";

    /** The served and stored version. */
    public static final String VERSION = "v1alpha1";

    /** The {@code apiVersion} of every Meridian object. */
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** The category every Meridian kind belongs to: {@code kubectl get meridian} lists them all. */
    public static final String CATEGORY = "meridian";
}
