package io.meridian.controller.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.names.Finalizers;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.policy.PropagationPolicy;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.sandbox.apiserver.ApiServerExtension;
import io.meridian.sandbox.controller.ControllerProcess;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged {@code meridian-controller} as it is deployed: its configuration binds, it wins the
 * controller Lease, and its loops bind what a policy selects.
 */
class ControllerProcessIT {

    @RegisterExtension
    @Order(1)
    static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @RegisterExtension
    @Order(2)
    static ApiServerExtension api = ApiServerExtension.on(etcd);

    @Test
    void thePackagedControllerLeadsAndBinds() {
        try (KubernetesClient client = Federation.client(api.url());
                ControllerProcess controller = ControllerProcess.builder()
                        .federationApi(api.url())
                        .identity("packaged")
                        .property("meridian.controller.leader-election.lease-duration", "3s")
                        .property("meridian.controller.leader-election.renew-deadline", "2s")
                        .property("meridian.controller.leader-election.retry-period", "500ms")
                        .start()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Lease lease = client.leases()
                        .inNamespace(Namespaces.SYSTEM)
                        .withName(ResourceNames.CONTROLLER_LEASE)
                        .get();
                assertThat(lease).isNotNull();
                assertThat(lease.getSpec().getHolderIdentity()).startsWith("packaged_");
            });
            Federation.namespace(client, "app");
            client.resource(Federation.load(client, """
                            apiVersion: v1
                            kind: ConfigMap
                            metadata: {name: settings, namespace: app}
                            data: {mode: global}
                            """, ConfigMap.class)).create();
            client.resource(Federation.load(client, """
                            apiVersion: meridian.io/v1alpha1
                            kind: PropagationPolicy
                            metadata: {name: settings, namespace: app}
                            spec:
                              resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: settings}]
                            """, PropagationPolicy.class))
                    .create();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(client.resources(ResourceBinding.class)
                                .inNamespace("app")
                                .withName("settings-configmap")
                                .get())
                        .isNotNull();
                assertThat(client.configMaps()
                                .inNamespace("app")
                                .withName("settings")
                                .get()
                                .getMetadata()
                                .getFinalizers())
                        .contains(Finalizers.CLEANUP);
            });
        }
    }
}
