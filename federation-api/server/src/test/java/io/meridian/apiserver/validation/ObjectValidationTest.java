package io.meridian.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.builtin.BuiltinKinds;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.registry.Strategies;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaCatalog;
import io.meridian.apiserver.status.StatusCause;
import org.junit.jupiter.api.Test;

class ObjectValidationTest {

    private final ResourceRegistry registry = new ResourceRegistry();
    private final ObjectValidation validation = new ObjectValidation(registry, new Strategies());

    ObjectValidationTest() {
        BuiltinKinds.load(new SchemaCatalog()).forEach(registry::registerBuiltin);
    }

    private ResourceType type(String group, String plural) {
        return registry.all().stream()
                .filter(t -> t.group().equals(group) && t.plural().equals(plural))
                .findFirst()
                .orElseThrow();
    }

    private static ObjectNode withFinalizer(String json, String finalizer) throws Exception {
        ObjectNode obj = (ObjectNode) Json.MAPPER.readTree(json);
        obj.with("metadata").putArray("finalizers").add(finalizer);
        return obj;
    }

    @Test
    void aCustomResourceDefinitionMayCarryTheCleanupFinalizer() throws Exception {
        ObjectNode crd = withFinalizer("""
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"widgets.example.com"},
                 "spec":{"group":"example.com","scope":"Namespaced",
                   "names":{"kind":"Widget","plural":"widgets","singular":"widget","listKind":"WidgetList"},
                   "versions":[{"name":"v1","served":true,"storage":true,
                     "schema":{"openAPIV3Schema":{"type":"object"}}}]}}
                """, "customresourcecleanup.apiextensions.k8s.io");

        assertThat(validation.validate(type("apiextensions.k8s.io", "customresourcedefinitions"), crd, null))
                .extracting(StatusCause::field)
                .doesNotContain("metadata.finalizers[0]");
    }

    @Test
    void coreKindsStillRefuseUnqualifiedNonStandardFinalizers() throws Exception {
        ObjectNode configMap = withFinalizer("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default"}}
                """, "customresourcecleanup.apiextensions.k8s.io");

        assertThat(validation.validate(type("", "configmaps"), configMap, null))
                .extracting(StatusCause::field, StatusCause::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "metadata.finalizers[0]",
                        "Invalid value: \"customresourcecleanup.apiextensions.k8s.io\": name is neither a standard"
                                + " finalizer name nor is it fully qualified"));
    }
}
