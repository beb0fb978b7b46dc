/**
 * Simulated member clusters: {@link io.meridian.sandbox.member.SimulatedCluster} is the project's own API server in
 * member mode behind a {@link io.meridian.sandbox.fault.FaultProxy}, with a
 * {@link io.meridian.sandbox.member.WorkloadSimulator} playing the cluster's controllers and kubelets;
 * {@link io.meridian.sandbox.member.MemberClustersExtension} runs several of them for a JUnit 5 test class.
 * {@link io.meridian.sandbox.member.VirtualClusters} runs tens or hundreds of member clusters for benchmarks: each the
 * same member-mode API server (a Spring context of its own, its own port and etcd prefix) with a simulator of its own,
 * all hosted by one process ({@link io.meridian.sandbox.member.VirtualClusterHost}), without fault proxies.
 */
package io.meridian.sandbox.member;
