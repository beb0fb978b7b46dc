package io.meridian.api.model.meta;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a taint on a member cluster does to workloads that do not tolerate it. */
public enum TaintEffect {
    /** New workloads are not scheduled to the cluster; those already there stay. */
    @JsonProperty("NoSchedule")
    NO_SCHEDULE,
    /** The scheduler avoids the cluster when it can. */
    @JsonProperty("PreferNoSchedule")
    PREFER_NO_SCHEDULE,
    /** Workloads already on the cluster are moved away after their toleration runs out. */
    @JsonProperty("NoExecute")
    NO_EXECUTE
}
