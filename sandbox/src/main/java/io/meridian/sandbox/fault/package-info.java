/**
 * Network faults on command: {@link io.meridian.sandbox.fault.FaultProxy} sits between a client and a server on
 * loopback and can take the server down, slow it, make it answer errors or partition it from its clients, as a
 * {@link io.meridian.sandbox.fault.FaultMode} says.
 */
package io.meridian.sandbox.fault;
