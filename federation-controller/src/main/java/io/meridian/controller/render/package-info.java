/**
 * The renderer: one Work per target cluster of each binding, with the object's share of replicas,
 * the cluster's overrides and the object's dependencies.
 */
package io.meridian.controller.render;
