package io.meridian.apiserver.namespaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.config.ApiServerOnEtcd;
import io.meridian.apiserver.registry.ListOptions;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.status.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NamespaceDeletionIT extends ApiServerOnEtcd {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theSystemNamespacesExistAndANewNamespaceIsHeldByTheKubernetesFinalizer() {
        for (String ns : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            assertThat(objects.find(namespaces(), null, ns)).as(ns).isPresent();
        }

        ObjectNode ns = createNamespace("fresh");

        assertThat(ns.path("spec").path("finalizers").get(0).asText()).isEqualTo("kubernetes");
        assertThat(ns.path("status").path("phase").asText()).isEqualTo("Active");
        assertThat(ns.path("metadata").has("namespace")).isFalse();
    }

    @Test
    void deletingANamespaceEmptiesItThenRemovesIt() {
        createNamespace("doomed");
        for (int i = 0; i < 3; i++) {
            create(configMaps(), "doomed", "{\"metadata\":{\"name\":\"cm-" + i + "\"}}");
        }
        create(configMaps(), "doomed", """
                {"metadata":{"name":"held","finalizers":["example.com/hold"]}}""");
        create(deployments(), "doomed", """
                {"metadata":{"name":"web"},
                 "spec":{"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""");
        create(configMaps(), "default", "{\"metadata\":{\"name\":\"bystander\"}}");

        ObjectStore.Deletion d = delete(namespaces(), null, "doomed", null);

        assertThat(d.deleted()).isFalse();
        assertThat(d.object().path("status").path("phase").asText()).isEqualTo("Terminating");
        assertThatThrownBy(() -> create(configMaps(), "doomed", "{\"metadata\":{\"name\":\"latecomer\"}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage())
                            .isEqualTo("unable to create new content in namespace doomed because it is being"
                                    + " terminated");
                });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(items(configMaps(), "doomed")).containsExactly("held");
            assertThat(items(deployments(), "doomed")).isEmpty();
        });
        assertThat(Meta.deleting(objects.get(configMaps(), "doomed", "held"))).isTrue();
        assertThat(objects.find(namespaces(), null, "doomed"))
                .as("the namespace waits for its last object")
                .hasValueSatisfying(ns ->
                        assertThat(ns.path("status").path("phase").asText()).isEqualTo("Terminating"));

        update(configMaps(), "doomed", "held", cm -> {
            cm.with("metadata").remove("finalizers");
            return cm;
        });

        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(objects.find(namespaces(), null, "doomed")).isEmpty());
        assertThat(objects.find(configMaps(), "default", "bystander")).isPresent();

        ObjectNode again = createNamespace("doomed");
        assertThat(again.path("status").path("phase").asText()).isEqualTo("Active");
        assertThat(items(configMaps(), "doomed")).isEmpty();
        create(configMaps(), "doomed", "{\"metadata\":{\"name\":\"welcome-back\"}}");
    }

    @Test
    void anEmptyNamespaceGoesAtOnceAfterItsFinalizer() {
        createNamespace("empty");

        delete(namespaces(), null, "empty", null);

        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(objects.find(namespaces(), null, "empty")).isEmpty());
    }

    private java.util.List<String> items(io.meridian.apiserver.resource.ResourceType type, String namespace) {
        java.util.List<String> names = new java.util.ArrayList<>();
        objects.list(type, namespace, ListOptions.ALL)
                .path("items")
                .forEach(i -> names.add(i.path("metadata").path("name").asText()));
        return names;
    }
}
