package io.meridian.api.model.names;

/**
 * Label keys Meridian puts on the objects it creates, so that each can be traced back and selected
 * with an ordinary label selector.
 *
 * <p>On a Work: the binding it renders and the cluster it targets. On an object applied to a member
 * cluster: {@link #MANAGED_BY}, the Work it came from and the policy that placed it. On a binding: the
 * policy it matched. A key that names a namespace is absent for cluster-scoped owners, so {@code
 * meridian.io/policy-name=x,!meridian.io/policy-namespace} selects what a ClusterPropagationPolicy
 * placed.
 */
public final class MeridianLabels {

    private MeridianLabels() {}

    /** Marks objects created and owned by Meridian; its value is {@link #MANAGED_BY_VALUE}. */
    public static final String MANAGED_BY = "meridian.io/managed-by";

    /** The value of {@link #MANAGED_BY}. */
    public static final String MANAGED_BY_VALUE = "meridian";

    /** The member cluster an object belongs to or was applied to. */
    public static final String CLUSTER = "meridian.io/cluster";

    /** The name of the Work a member object was applied from. */
    public static final String WORK_NAME = "meridian.io/work-name";

    /** The namespace of the Work a member object was applied from (an execution namespace). */
    public static final String WORK_NAMESPACE = "meridian.io/work-namespace";

    /** The name of the PropagationPolicy or ClusterPropagationPolicy that placed an object. */
    public static final String POLICY_NAME = "meridian.io/policy-name";

    /**
     * The namespace of the PropagationPolicy that placed an object; absent for a cluster policy.
     */
    public static final String POLICY_NAMESPACE = "meridian.io/policy-namespace";

    /** The name of the ResourceBinding or ClusterResourceBinding a Work renders. */
    public static final String BINDING_NAME = "meridian.io/binding-name";

    /** The namespace of the ResourceBinding a Work renders; absent for a ClusterResourceBinding. */
    public static final String BINDING_NAMESPACE = "meridian.io/binding-namespace";

    /**
     * The FailoverDrill that put a taint or cordon in place, so that restoring removes only its
     * own.
     */
    public static final String DRILL = "meridian.io/drill";
}
