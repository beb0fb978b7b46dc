/**
 * Real etcd rings on loopback for tests and the local sandbox: {@link io.meridian.sandbox.etcd.EtcdRing} launches
 * one etcd process per region, {@link io.meridian.sandbox.etcd.EtcdRingExtension} does the same for JUnit 5 tests.
 */
package io.meridian.sandbox.etcd;
