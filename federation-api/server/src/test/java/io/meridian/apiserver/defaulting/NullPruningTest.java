package io.meridian.apiserver.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.builtin.BuiltinKinds;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaCatalog;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.validation.SchemaValidator;
import org.junit.jupiter.api.Test;

class NullPruningTest {

    @Test
    void kubectlsGeneratedManifestValidatesOnceItsNullsAreDropped() throws Exception {
        SchemaCatalog catalog = new SchemaCatalog();
        ResourceType deployments = BuiltinKinds.load(catalog).stream()
                .filter(t -> t.plural().equals("deployments"))
                .findFirst()
                .orElseThrow();
        // what `kubectl create deployment web --image=nginx --dry-run=client -o json` prints
        ObjectNode obj = (ObjectNode) Json.MAPPER.readTree("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"creationTimestamp":null,"labels":{"app":"web"},"name":"web"},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"strategy":{},
                   "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
                     "spec":{"containers":[{"image":"nginx","name":"nginx","resources":{}}]}}},"status":{}}""");
        assertThat(SchemaValidator.validate(deployments.schema(), obj)).isNotEmpty();

        ObjectDefaults.pruneNulls(deployments.schema(), obj);

        assertThat(obj.path("metadata").has("creationTimestamp")).isFalse();
        assertThat(obj.at("/spec/template/metadata").has("creationTimestamp")).isFalse();
        assertThat(SchemaValidator.validate(deployments.schema(), obj)).isEmpty();
    }

    @Test
    void nullableFieldsKeepTheirNulls() throws Exception {
        SchemaNode schema = SchemaNode.of(Json.MAPPER.readTree("""
                        {"type":"object","properties":{"a":{"type":"string","nullable":true},"b":{"type":"string"}}}"""), ref -> null);
        ObjectNode obj = (ObjectNode) Json.MAPPER.readTree("{\"a\":null,\"b\":null}");
        ObjectDefaults.pruneNulls(schema, obj);
        assertThat(obj.has("a")).isTrue();
        assertThat(obj.has("b")).isFalse();
    }
}
