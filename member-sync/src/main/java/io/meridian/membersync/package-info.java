/** member-sync: one syncer per member cluster, and the resource interpreter. */
package io.meridian.membersync;
