package io.meridian.apiserver.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaCatalog;
import io.meridian.apiserver.status.StatusCause;
import io.meridian.apiserver.validation.SchemaValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinKindsTest {

    private final SchemaCatalog catalog = new SchemaCatalog();
    private final List<ResourceType> types = BuiltinKinds.load(catalog);

    private ResourceType type(String group, String plural) {
        return types.stream()
                .filter(t -> t.group().equals(group) && t.plural().equals(plural))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void servesTheNativeKindsWithTheirNamesAndSubresources() {
        ResourceType deployments = type("apps", "deployments");
        assertThat(deployments.kind()).isEqualTo("Deployment");
        assertThat(deployments.shortNames()).containsExactly("deploy");
        assertThat(deployments.statusSubresource()).isTrue();
        assertThat(deployments.scale().specReplicasPath()).isEqualTo(".spec.replicas");
        assertThat(type("", "namespaces").namespaced()).isFalse();
        assertThat(type("apiextensions.k8s.io", "customresourcedefinitions").shortNames())
                .contains("crd");
    }

    @Test
    void schemasRejectWronglyTypedFields() throws Exception {
        ObjectNode deployment = (ObjectNode) Json.MAPPER.readTree("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"replicas":"three","selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""");
        List<StatusCause> causes =
                SchemaValidator.validate(type("apps", "deployments").schema(), deployment);
        assertThat(causes).extracting(StatusCause::field).containsExactly("spec.replicas");
    }
}
