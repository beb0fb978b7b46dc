package io.meridian.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceRegistryTest {

    @Test
    void ordersAGroupsVersionsByKubernetesPriorityWhateverTheStorageVersion() {
        ResourceRegistry registry = new ResourceRegistry();

        registry.register(
                "crd:widgets.example.com",
                List.of(widget("v1alpha1"), widget("v1beta1"), widget("v1"), widget("v1beta2")),
                "v1beta1");

        assertThat(registry.groups().get("example.com")).containsExactly("v1", "v1beta2", "v1beta1", "v1alpha1");
    }

    @Test
    void sortsLikeTheExampleOfTheCrdVersioningDocumentation() {
        List<String> versions = new ArrayList<>(List.of(
                "foo10", "v11alpha2", "v1", "v3beta1", "foo1", "v12alpha1", "v10beta3", "v2", "v11beta2", "v10"));

        versions.sort(ResourceRegistry::compareVersions);

        assertThat(versions)
                .containsExactly(
                        "v10",
                        "v2",
                        "v1",
                        "v11beta2",
                        "v10beta3",
                        "v3beta1",
                        "v12alpha1",
                        "v11alpha2",
                        "foo1",
                        "foo10");
    }

    @Test
    void anOwnerRegistersReplacesAndUnregistersOnlyItsOwnTypes() {
        ResourceRegistry registry = new ResourceRegistry();
        registry.registerBuiltin(type("", "v1", "ConfigMap", "configmaps"));
        registry.register("crd:widgets.example.com", List.of(widget("v1alpha1")), "v1alpha1");
        registry.register("crd:gadgets.example.com", List.of(type("example.com", "v1", "Gadget", "gadgets")), "v1");

        registry.register("crd:widgets.example.com", List.of(widget("v1")), "v1");

        assertThat(registry.find("example.com", "v1alpha1", "widgets")).isEmpty();
        assertThat(registry.find("example.com", "v1", "widgets")).isPresent();
        assertThat(registry.find("example.com", "v1", "gadgets")).isPresent();

        registry.unregister("crd:widgets.example.com");

        assertThat(registry.find("example.com", "v1", "widgets")).isEmpty();
        assertThat(registry.find("example.com", "v1", "gadgets")).isPresent();
        assertThat(registry.find("", "v1", "configmaps")).isPresent();
        assertThat(registry.all()).extracting(ResourceType::plural).containsExactlyInAnyOrder("configmaps", "gadgets");
    }

    @Test
    void tellsListenersOfEveryChangeAndNothingElse() {
        ResourceRegistry registry = new ResourceRegistry();
        List<Long> heard = new ArrayList<>();
        registry.addListener(r -> heard.add(r.generation()));

        registry.registerBuiltin(type("", "v1", "ConfigMap", "configmaps"));
        registry.register("crd:widgets.example.com", List.of(widget("v1")), "v1");
        registry.unregister("crd:nothing.example.com");
        registry.unregister("crd:widgets.example.com");

        assertThat(heard).containsExactly(1L, 2L, 3L);
        assertThat(registry.generation()).isEqualTo(3);
    }

    @Test
    void onlyBuiltinTypesAreNative() {
        ResourceRegistry registry = new ResourceRegistry();
        ResourceType deployments = type("apps", "v1", "Deployment", "deployments");
        ResourceType clusters = type("meridian.io", "v1alpha1", "Cluster", "clusters");
        ResourceType widgets = widget("v1");
        registry.registerBuiltin(deployments);
        registry.register("meridian:clusters.meridian.io", List.of(clusters), "v1alpha1");
        registry.register("crd:widgets.example.com", List.of(widgets), "v1");

        assertThat(registry.isNative(deployments)).isTrue();
        assertThat(registry.isNative(clusters)).isFalse();
        assertThat(registry.isNative(widgets)).isFalse();
        assertThat(registry.isNative(type("apps", "v1", "StatefulSet", "statefulsets")))
                .isFalse();
    }

    @Test
    void findsByKindAndListsTheStorageVersionFirst() {
        ResourceRegistry registry = new ResourceRegistry();
        registry.register("crd:widgets.example.com", List.of(widget("v1"), widget("v1beta1")), "v1beta1");

        assertThat(registry.versionsOf("example.com", "widgets"))
                .extracting(ResourceType::version)
                .containsExactly("v1beta1", "v1");
        assertThat(registry.findKind(new GroupVersionKind("example.com", "v1", "Widget")))
                .map(ResourceType::version)
                .contains("v1");
        assertThat(registry.findKind(new GroupVersionKind("example.com", "v2", "Widget")))
                .isEmpty();
        assertThat(registry.entries())
                .filteredOn(ResourceRegistry.Entry::storageVersion)
                .extracting(e -> e.type().version())
                .containsExactly("v1beta1");
    }

    private static ResourceType widget(String version) {
        return type("example.com", version, "Widget", "widgets");
    }

    static ResourceType type(String group, String version, String kind, String plural) {
        return new ResourceType(
                group,
                version,
                kind,
                plural,
                kind.toLowerCase(),
                List.of(),
                List.of(),
                true,
                false,
                null,
                SchemaNode.ANY,
                kind + "List");
    }
}
