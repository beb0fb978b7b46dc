package io.meridian.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.crd.ServedKinds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscoveryDocumentsTest {

    private final ServedKinds kinds = ServedKinds.nativesAndWidgets(Clock.systemUTC());
    private final DiscoveryDocuments discovery = new DiscoveryDocuments(kinds.registry());

    @Test
    void apiListsTheCoreVersionAndWhereToReachTheServer() {
        ObjectNode api = discovery.coreVersions("10.0.0.1:6443");

        assertThat(api.path("kind").asText()).isEqualTo("APIVersions");
        assertThat(texts(api.path("versions"))).containsExactly("v1");
        assertThat(api.path("serverAddressByClientCIDRs")
                        .path(0)
                        .path("clientCIDR")
                        .asText())
                .isEqualTo("0.0.0.0/0");
        assertThat(api.path("serverAddressByClientCIDRs")
                        .path(0)
                        .path("serverAddress")
                        .asText())
                .isEqualTo("10.0.0.1:6443");
    }

    @Test
    void apisListsEveryNamedGroupWithItsPreferredVersionFirst() {
        ObjectNode apis = discovery.groupList();

        assertThat(apis.path("kind").asText()).isEqualTo("APIGroupList");
        assertThat(apis.path("apiVersion").asText()).isEqualTo("v1");
        List<String> names = new ArrayList<>();
        apis.path("groups").forEach(g -> names.add(g.path("name").asText()));
        assertThat(names)
                .contains("apps", "batch", "apiextensions.k8s.io", "example.com")
                .doesNotContain("")
                .doesNotHaveDuplicates();
        JsonNode widgets = group(apis, "example.com");
        assertThat(widgets.path("versions"))
                .extracting(v -> v.path("groupVersion").asText())
                .containsExactly("example.com/v1", "example.com/v1beta1");
        assertThat(widgets.path("versions").path(1).path("version").asText()).isEqualTo("v1beta1");
        assertThat(widgets.path("preferredVersion").path("groupVersion").asText())
                .isEqualTo("example.com/v1");
        assertThat(widgets.path("preferredVersion").path("version").asText()).isEqualTo("v1");
    }

    @Test
    void aGroupDocumentIsTheGroupOfTheListWithItsKind() {
        ObjectNode apps = discovery.group("apps").orElseThrow();

        assertThat(apps.path("kind").asText()).isEqualTo("APIGroup");
        assertThat(apps.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(apps.path("name").asText()).isEqualTo("apps");
        assertThat(apps.path("preferredVersion").path("groupVersion").asText()).isEqualTo("apps/v1");
        assertThat(discovery.group("nothing.example.com")).isEmpty();
        assertThat(discovery.group("")).as("the core group is /api, not /apis/").isEmpty();
    }

    @Test
    void aGroupVersionListsItsResourcesAndTheirSubresources() {
        ObjectNode apps = discovery.resources("apps", "v1").orElseThrow();

        assertThat(apps.path("kind").asText()).isEqualTo("APIResourceList");
        assertThat(apps.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(apps.path("groupVersion").asText()).isEqualTo("apps/v1");
        JsonNode deployments = resource(apps, "deployments").orElseThrow();
        assertThat(deployments.path("singularName").asText()).isEqualTo("deployment");
        assertThat(deployments.path("namespaced").asBoolean()).isTrue();
        assertThat(deployments.path("kind").asText()).isEqualTo("Deployment");
        assertThat(texts(deployments.path("verbs")))
                .containsExactlyInAnyOrder(
                        "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
        assertThat(texts(deployments.path("shortNames"))).containsExactly("deploy");
        assertThat(texts(deployments.path("categories"))).containsExactly("all");
        JsonNode status = resource(apps, "deployments/status").orElseThrow();
        assertThat(texts(status.path("verbs"))).containsExactlyInAnyOrder("get", "patch", "update");
        assertThat(status.path("kind").asText()).isEqualTo("Deployment");
        JsonNode scale = resource(apps, "deployments/scale").orElseThrow();
        assertThat(scale.path("group").asText()).isEqualTo("autoscaling");
        assertThat(scale.path("version").asText()).isEqualTo("v1");
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
    }

    @Test
    void theCoreVersionHasNamespacesWithTheirFinalizeSubresource() {
        ObjectNode core = discovery.resources("", "v1").orElseThrow();

        assertThat(core.path("groupVersion").asText()).isEqualTo("v1");
        JsonNode namespaces = resource(core, "namespaces").orElseThrow();
        assertThat(namespaces.path("namespaced").asBoolean()).isFalse();
        assertThat(texts(namespaces.path("shortNames"))).containsExactly("ns");
        assertThat(resource(core, "namespaces/status")).isPresent();
        assertThat(texts(resource(core, "namespaces/finalize").orElseThrow().path("verbs")))
                .containsExactly("update");
        assertThat(resource(core, "configmaps/status"))
                .as("configmaps have no status")
                .isEmpty();
    }

    @Test
    void aCustomResourceIsDescribedFromItsDefinitionInEveryServedVersion() {
        JsonNode v1 = resource(discovery.resources("example.com", "v1").orElseThrow(), "widgets")
                .orElseThrow();
        ObjectNode v1beta1 = discovery.resources("example.com", "v1beta1").orElseThrow();

        assertThat(v1.path("kind").asText()).isEqualTo("Widget");
        assertThat(v1.path("singularName").asText()).isEqualTo("widget");
        assertThat(texts(v1.path("shortNames"))).containsExactly("wd");
        assertThat(texts(v1.path("categories"))).containsExactly("all");
        assertThat(resource(discovery.resources("example.com", "v1").orElseThrow(), "widgets/scale"))
                .isPresent();
        assertThat(resource(v1beta1, "widgets")).isPresent();
        assertThat(resource(v1beta1, "widgets/status"))
                .as("v1beta1 declares no subresources")
                .isEmpty();
        assertThat(discovery.resources("example.com", "v2")).isEmpty();
    }

    @Test
    void followsTheRegistryWhenADefinitionGoes() {
        kinds.registry().unregister("crd:widgets.example.com");

        assertThat(discovery.resources("example.com", "v1")).isEmpty();
        assertThat(discovery.group("example.com")).isEmpty();
        assertThat(discovery.groupList().path("groups"))
                .noneMatch(g -> g.path("name").asText().equals("example.com"));
    }

    private static JsonNode group(ObjectNode apis, String name) {
        for (JsonNode g : apis.path("groups")) {
            if (g.path("name").asText().equals(name)) {
                return g;
            }
        }
        throw new AssertionError("no group " + name + " in " + apis);
    }

    private static Optional<JsonNode> resource(ObjectNode list, String name) {
        for (JsonNode r : list.path("resources")) {
            if (r.path("name").asText().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
