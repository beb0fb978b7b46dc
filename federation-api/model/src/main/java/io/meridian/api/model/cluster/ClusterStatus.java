package io.meridian.api.model.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.SchemaMerge;
import io.meridian.api.model.meta.SchemaPatches;
import java.time.Instant;
import java.util.List;

/** What the control plane last observed of a member cluster. */
@ApiType
@SchemaCustomizer(value = SchemaMerge.class, input = SchemaPatches.CONDITIONS_LIST_MAP)
public record ClusterStatus(
        @JsonPropertyDescription("Ready: the cluster is healthy and its heartbeat is fresh. Reachable: the"
                + " federation can talk to it.")
        List<Condition> conditions,

        @JsonPropertyDescription("The Kubernetes version of the member's API server, such as v1.32.1.")
        String kubernetesVersion,

        @JsonPropertyDescription("The group versions and resources the member serves.")
        List<ApiEnablement> apiEnablements,

        @JsonPropertyDescription("Node counts of the member.")
        NodeSummary nodeSummary,

        @JsonPropertyDescription("Capacity of the member.") ResourceSummary resourceSummary,

        @JsonPropertyDescription("When the member's heartbeat was last renewed.")
        Instant lastHeartbeatTime) {

    public ClusterStatus {
        kubernetesVersion = ApiValues.text(kubernetesVersion);
        conditions = ApiValues.list(conditions);
        apiEnablements = ApiValues.list(apiEnablements);
    }

    /** A builder, for tests and for controllers that change one field. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this status's values. */
    public Builder toBuilder() {
        return new Builder()
                .conditions(conditions)
                .kubernetesVersion(kubernetesVersion)
                .apiEnablements(apiEnablements)
                .nodeSummary(nodeSummary)
                .resourceSummary(resourceSummary)
                .lastHeartbeatTime(lastHeartbeatTime);
    }

    /** The same status with other conditions. */
    public ClusterStatus withConditions(List<Condition> newConditions) {
        return toBuilder().conditions(newConditions).build();
    }

    /** Builds a {@link ClusterStatus}. */
    public static final class Builder {
        private List<Condition> conditions;
        private String kubernetesVersion;
        private List<ApiEnablement> apiEnablements;
        private NodeSummary nodeSummary;
        private ResourceSummary resourceSummary;
        private Instant lastHeartbeatTime;

        private Builder() {}

        public Builder conditions(List<Condition> conditions) {
            this.conditions = conditions;
            return this;
        }

        public Builder kubernetesVersion(String kubernetesVersion) {
            this.kubernetesVersion = kubernetesVersion;
            return this;
        }

        public Builder apiEnablements(List<ApiEnablement> apiEnablements) {
            this.apiEnablements = apiEnablements;
            return this;
        }

        public Builder nodeSummary(NodeSummary nodeSummary) {
            this.nodeSummary = nodeSummary;
            return this;
        }

        public Builder resourceSummary(ResourceSummary resourceSummary) {
            this.resourceSummary = resourceSummary;
            return this;
        }

        public Builder lastHeartbeatTime(Instant lastHeartbeatTime) {
            this.lastHeartbeatTime = lastHeartbeatTime;
            return this;
        }

        public ClusterStatus build() {
            return new ClusterStatus(
                    conditions, kubernetesVersion, apiEnablements, nodeSummary, resourceSummary, lastHeartbeatTime);
        }
    }
}
