package io.meridian.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.config.ApiServerOnEtcd;
import io.meridian.apiserver.registry.WriteOptions;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.status.StatusCause;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CustomResourceDefinitionIT extends ApiServerOnEtcd {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aDefinitionServesItsKindUntilItIsDeletedWithEveryObjectOfIt() {
        ResourceType crds = type("apiextensions.k8s.io", "v1", "customresourcedefinitions");
        assertThat(registry.find("example.com", "v1", "widgets")).isEmpty();

        ObjectNode crd = objects.create(crds, null, ServedKinds.widgetCrd(), WriteOptions.DEFAULT);

        assertThat(crd.path("metadata").path("finalizers").get(0).asText()).isEqualTo(CrdStrategy.CLEANUP_FINALIZER);
        assertThat(crd.path("status").path("conditions"))
                .anySatisfy(c -> assertThat(
                                c.path("type").asText() + "=" + c.path("status").asText())
                        .isEqualTo("Established=True"));
        await().atMost(WAIT)
                .until(() -> registry.find("example.com", "v1", "widgets").isPresent()
                        && registry.find("example.com", "v1beta1", "widgets").isPresent());
        ResourceType widgets = type("example.com", "v1", "widgets");
        assertThat(widgets.statusSubresource()).isTrue();
        assertThat(widgets.scale()).isNotNull();

        ObjectNode widget = create(widgets, "default", """
                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w1"},
                 "spec":{"size":3,"ports":[{"port":80}]},"status":{"ready":true}}""");

        assertThat(widget.path("spec").path("replicas").asInt())
                .as("schema default")
                .isEqualTo(1);
        assertThat(widget.path("spec").path("colour").asText()).isEqualTo("blue");
        assertThat(widget.path("spec").path("ports").path(0).path("protocol").asText())
                .isEqualTo("TCP");
        assertThat(widget.has("status"))
                .as("status is written through /status only")
                .isFalse();
        assertThat(Meta.generation(widget)).isEqualTo(1);
        assertThat(objects.get(type("example.com", "v1beta1", "widgets"), "default", "w1")
                        .path("apiVersion")
                        .asText())
                .as("one stored object, served in every version")
                .isEqualTo("example.com/v1beta1");

        assertThatThrownBy(() -> create(widgets, "default", """
                        {"metadata":{"name":"w2"},"spec":{"size":"three"}}""")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(422);
            assertThat(e.causes()).extracting(StatusCause::field).contains("spec.size");
        });
        assertThatThrownBy(() -> create(widgets, "default", """
                        {"metadata":{"name":"w3"},"spec":{"size":0}}"""))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
        assertThatThrownBy(() -> create(widgets, "default", """
                        {"metadata":{"name":"w4"},"spec":{}}"""))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.causes())
                                .extracting(StatusCause::field)
                                .contains("spec.size"));
        create(widgets, "kube-system", """
                {"metadata":{"name":"w5"},"spec":{"size":1}}""");

        delete(crds, null, "widgets.example.com", null);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(objects.find(crds, null, "widgets.example.com")).isEmpty();
            assertThat(registry.find("example.com", "v1", "widgets")).isEmpty();
            assertThat(registry.find("example.com", "v1beta1", "widgets")).isEmpty();
        });

        objects.create(crds, null, ServedKinds.widgetCrd(), WriteOptions.DEFAULT);
        await().atMost(WAIT)
                .until(() -> registry.find("example.com", "v1", "widgets").isPresent());
        ResourceType again = type("example.com", "v1", "widgets");
        assertThat(objects.find(again, "default", "w1"))
                .as("deleted with the first definition")
                .isEmpty();
        assertThat(objects.find(again, "kube-system", "w5")).isEmpty();
    }

    @Test
    void aDefinitionThatDoesNotValidateIsRefused() {
        ResourceType crds = type("apiextensions.k8s.io", "v1", "customresourcedefinitions");
        ObjectNode wrongName = ServedKinds.widgetCrd();
        wrongName.with("metadata").put("name", "gadgets.example.com");
        ObjectNode twoStorageVersions = ServedKinds.widgetCrd();
        twoStorageVersions.with("metadata").put("name", "widgets.example.com");
        ((ObjectNode) twoStorageVersions.at("/spec/versions/1")).put("storage", true);
        ObjectNode builtin = ServedKinds.widgetCrd();
        builtin.with("metadata").put("name", "deployments.apps");
        builtin.with("spec").put("group", "apps");
        ((ObjectNode) builtin.at("/spec/names")).put("plural", "deployments");
        ((ObjectNode) builtin.at("/spec/versions/0")).put("name", "v1");

        for (ObjectNode bad : new ObjectNode[] {wrongName, twoStorageVersions, builtin}) {
            assertThatThrownBy(() -> objects.create(crds, null, bad, WriteOptions.DEFAULT))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
        }
        assertThat(registry.find("apps", "v1", "deployments")).isPresent();
    }
}
