package io.meridian.api.model.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Patterns;
import io.meridian.api.model.meta.Taint;
import java.util.List;

/** Where a member cluster is, how to reach it, and what keeps workloads away from it. */
@ApiType
@ValidationRule(
        value = "self.syncMode == 'Pull' || has(self.apiEndpoint)",
        message = "apiEndpoint is required when syncMode is Push")
public record ClusterSpec(
        @JsonPropertyDescription(
                "The region the cluster runs in, such as us-east; placement and global DNS work by region.")
        @Required
        @Pattern(Patterns.DNS_LABEL)
        @Size(max = 63)
        String region,

        @JsonPropertyDescription("The zone within the region, if the cluster is confined to one.")
        @Pattern(Patterns.DNS_LABEL)
        @Size(max = 63)
        String zone,

        @JsonPropertyDescription("Taints that repel workloads without a matching toleration. Meridian adds"
                + " meridian.io/not-ready and meridian.io/unreachable itself when the cluster fails.")
        List<Taint> taints,

        @JsonPropertyDescription("The URL of the member cluster's API server; required for Push.")
        @Pattern(Patterns.HTTP_URL)
        String apiEndpoint,

        @JsonPropertyDescription("The Secret holding the credentials for the member's API server: a token,"
                + " or a client certificate and key, and the CA bundle.")
        SecretReference secretRef,

        @JsonPropertyDescription("Push: the control plane applies Works to the member. Pull: an agent in the"
                + " member applies them. Defaults to Push.")
        @Default("Push")
        SyncMode syncMode,

        @JsonPropertyDescription("Skip verification of the member API server's certificate. For test clusters only.")
        Boolean insecureSkipTLSVerification,

        @JsonPropertyDescription("The cloud or platform the cluster runs on, such as aws or on-prem; informational.")
        String provider) {

    public ClusterSpec {
        zone = ApiValues.text(zone);
        apiEndpoint = ApiValues.text(apiEndpoint);
        provider = ApiValues.text(provider);
        taints = ApiValues.list(taints);
    }

    /** A builder, for tests and for controllers that change one field. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return new Builder()
                .region(region)
                .zone(zone)
                .taints(taints)
                .apiEndpoint(apiEndpoint)
                .secretRef(secretRef)
                .syncMode(syncMode)
                .insecureSkipTLSVerification(insecureSkipTLSVerification)
                .provider(provider);
    }

    /** The same spec with other taints. */
    public ClusterSpec withTaints(List<Taint> newTaints) {
        return toBuilder().taints(newTaints).build();
    }

    /** Builds a {@link ClusterSpec}. */
    public static final class Builder {
        private String region;
        private String zone;
        private List<Taint> taints;
        private String apiEndpoint;
        private SecretReference secretRef;
        private SyncMode syncMode;
        private Boolean insecureSkipTLSVerification;
        private String provider;

        private Builder() {}

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder zone(String zone) {
            this.zone = zone;
            return this;
        }

        public Builder taints(List<Taint> taints) {
            this.taints = taints;
            return this;
        }

        public Builder apiEndpoint(String apiEndpoint) {
            this.apiEndpoint = apiEndpoint;
            return this;
        }

        public Builder secretRef(SecretReference secretRef) {
            this.secretRef = secretRef;
            return this;
        }

        public Builder syncMode(SyncMode syncMode) {
            this.syncMode = syncMode;
            return this;
        }

        public Builder insecureSkipTLSVerification(Boolean insecureSkipTLSVerification) {
            this.insecureSkipTLSVerification = insecureSkipTLSVerification;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public ClusterSpec build() {
            return new ClusterSpec(
                    region, zone, taints, apiEndpoint, secretRef, syncMode, insecureSkipTLSVerification, provider);
        }
    }
}
