/**
 * Simulated member clusters: {@link io.meridian.sandbox.member.SimulatedCluster} is the project's own API server in
 * member mode behind a {@link io.meridian.sandbox.fault.FaultProxy}, with a
 * {@link io.meridian.sandbox.member.WorkloadSimulator} playing the cluster's controllers and kubelets;
 * {@link io.meridian.sandbox.member.MemberClustersExtension} runs several of them for a JUnit 5 test class.
 */
package io.meridian.sandbox.member;
