/**
 * Push mode: inside the controller, one syncer per member cluster whose Cluster says Push, started,
 * restarted and stopped as Clusters and their credentials come, change and go.
 */
package io.meridian.membersync.push;
