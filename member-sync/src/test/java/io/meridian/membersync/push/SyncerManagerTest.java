package io.meridian.membersync.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.SecretReference;
import org.junit.jupiter.api.Test;

class SyncerManagerTest {

    private static Cluster cluster(String endpoint, Boolean insecure) {
        return new Cluster(
                "us-east",
                ClusterSpec.builder()
                        .region("us-east")
                        .apiEndpoint(endpoint)
                        .insecureSkipTLSVerification(insecure)
                        .secretRef(new SecretReference("meridian-system", "us-east-credentials"))
                        .build());
    }

    private static Secret secret(String token) {
        return new SecretBuilder()
                .withNewMetadata()
                .withNamespace("meridian-system")
                .withName("us-east-credentials")
                .endMetadata()
                .addToData("token", token)
                .build();
    }

    @Test
    void theSyncerIsRebuiltWhenTheEndpointTheTlsSettingOrTheCredentialsChange() {
        String base = SyncerManager.fingerprint(cluster("https://a:6443", null), secret("dG9rZW4x"));

        assertThat(SyncerManager.fingerprint(cluster("https://a:6443", null), secret("dG9rZW4x")))
                .isEqualTo(base);
        assertThat(SyncerManager.fingerprint(cluster("https://b:6443", null), secret("dG9rZW4x")))
                .isNotEqualTo(base);
        assertThat(SyncerManager.fingerprint(cluster("https://a:6443", true), secret("dG9rZW4x")))
                .isNotEqualTo(base);
        assertThat(SyncerManager.fingerprint(cluster("https://a:6443", null), secret("dG9rZW4y")))
                .isNotEqualTo(base);
        assertThat(SyncerManager.fingerprint(cluster("https://a:6443", null), null))
                .isNotEqualTo(base);
    }

    @Test
    void otherChangesToTheClusterLeaveTheSyncerAlone() {
        Cluster tainted = cluster("https://a:6443", null);
        tainted.setSpec(tainted.getSpec().toBuilder().zone("us-east-1b").build());
        assertThat(SyncerManager.fingerprint(tainted, secret("dG9rZW4x")))
                .isEqualTo(SyncerManager.fingerprint(cluster("https://a:6443", null), secret("dG9rZW4x")));
    }
}
