/**
 * The federated objects themselves (Deployments, Services, ConfigMaps... as users wrote them),
 * watched as generic resources, one informer per kind that policies name.
 */
package io.meridian.controller.federated;
