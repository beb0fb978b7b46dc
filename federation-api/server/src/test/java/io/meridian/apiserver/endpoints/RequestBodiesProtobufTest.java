package io.meridian.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which bodies go to the protobuf decoder: those of native kinds only, as in kube-apiserver. */
class RequestBodiesProtobufTest {

    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    @Test
    void aNativeKindsProtobufBodyIsReadAsItsJson() throws IOException {
        byte[] body = kubectlBody("configmap.pb");

        RequestBodies.Parsed parsed = RequestBodies.parseObject(body, PROTOBUF, type("", "ConfigMap"), true);

        assertThat(parsed.node().at("/data/mode").asText()).isEqualTo("fast");
        assertThat(parsed.duplicates()).isEmpty();
    }

    @Test
    void aCustomResourceInProtobufIsAnUnsupportedMediaType() throws IOException {
        byte[] body = kubectlBody("configmap.pb");

        assertThatThrownBy(() -> RequestBodies.parseObject(body, PROTOBUF, type("example.com", "Widget"), false))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(415))
                .hasMessageContaining("widgets.example.com are custom resources");
    }

    @Test
    void anEmptyProtobufBodyIsABadRequest() {
        assertThatThrownBy(() -> RequestBodies.parseObject(new byte[0], PROTOBUF, type("", "ConfigMap"), true))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("the body of the request was empty");
    }

    private static ResourceType type(String group, String kind) {
        String plural = kind.toLowerCase() + "s";
        return new ResourceType(
                group,
                "v1",
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

    private static byte[] kubectlBody(String name) throws IOException {
        try (InputStream in = RequestBodiesProtobufTest.class.getResourceAsStream("/protobuf/kubectl/" + name)) {
            return in.readAllBytes();
        }
    }
}
