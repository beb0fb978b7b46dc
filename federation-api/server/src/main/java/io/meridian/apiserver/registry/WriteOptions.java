package io.meridian.apiserver.registry;

/**
 * Options every write carries.
 *
 * @param dryRun validate and answer, store nothing
 * @param fieldManager who makes the change, for managedFields
 */
public record WriteOptions(boolean dryRun, String fieldManager) {

    public static final WriteOptions DEFAULT = new WriteOptions(false, "meridian-apiserver");
}
