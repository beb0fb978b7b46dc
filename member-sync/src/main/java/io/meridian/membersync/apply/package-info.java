/**
 * Writing one manifest to one member cluster: server-side apply or read-modify-write update, the
 * ownership labels, and the rule that an object Meridian does not own is left alone unless the
 * conflict resolution says Overwrite.
 */
package io.meridian.membersync.apply;
