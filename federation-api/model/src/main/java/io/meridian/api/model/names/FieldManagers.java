package io.meridian.api.model.names;

/** Field managers for server-side apply. */
public final class FieldManagers {

    private FieldManagers() {}

    /**
     * The manager Meridian applies with, in member clusters and in the federation API alike, so a
     * field it owns stays owned whichever replica or component wrote it last.
     */
    public static final String MERIDIAN = "meridian";
}
