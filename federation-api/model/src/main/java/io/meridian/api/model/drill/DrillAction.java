package io.meridian.api.model.drill;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The fault a drill injects. */
public enum DrillAction {
    /** Taint the target NoSchedule: nothing new is placed there; what runs there stays. */
    @JsonProperty("Cordon")
    CORDON,
    /**
     * Taint the target NoExecute: workloads move away after their toleration, as after a real
     * failure.
     */
    @JsonProperty("TaintNoExecute")
    TAINT_NO_EXECUTE,
    /**
     * Stop syncing and heartbeating for the target, so the control plane sees the cluster fail as
     * it would in an outage.
     */
    @JsonProperty("SimulateOutage")
    SIMULATE_OUTAGE
}
