/**
 * Events the federation controller records ({@code events.k8s.io/v1}, reporting controller {@code
 * meridian-controller}) and their reasons.
 */
package io.meridian.controller.events;
