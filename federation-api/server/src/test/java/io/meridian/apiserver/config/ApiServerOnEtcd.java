package io.meridian.apiserver.config;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.ApiServerApplication;
import io.meridian.apiserver.registry.DeleteOptions;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.registry.WriteOptions;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API server application, wired by its own configuration and started by its own
 * {@link ServerStartup}, on a real three-member etcd ring started for the test class. Tests talk
 * to the {@link ObjectStore} directly: everything below HTTP is the real thing, controllers
 * included.
 */
@SpringBootTest(classes = ApiServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ApiServerOnEtcd {

    @RegisterExtension
    protected static final EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");

    @DynamicPropertySource
    static void etcdOfThisClass(DynamicPropertyRegistry properties) {
        properties.add("meridian.api.etcd.endpoints", () -> String.join(",", etcd.endpoints()));
    }

    @Autowired
    protected ObjectStore objects;

    @Autowired
    protected ResourceRegistry registry;

    @Autowired
    private ServerStartup startup;

    @BeforeEach
    void serverIsReady() {
        await().atMost(Duration.ofSeconds(30)).until(startup::isRunning);
    }

    protected ResourceType type(String group, String version, String plural) {
        return registry.find(group, version, plural)
                .orElseThrow(() -> new AssertionError("not served: " + group + "/" + version + "/" + plural));
    }

    protected ResourceType configMaps() {
        return type("", "v1", "configmaps");
    }

    protected ResourceType deployments() {
        return type("apps", "v1", "deployments");
    }

    protected ResourceType namespaces() {
        return type("", "v1", "namespaces");
    }

    protected ObjectNode create(ResourceType type, String namespace, String json) {
        return objects.create(type, namespace, object(json), WriteOptions.DEFAULT);
    }

    /** An unconditional read-modify-write, as a client's update without resourceVersion. */
    protected ObjectNode update(ResourceType type, String namespace, String name, UnaryOperator<ObjectNode> change) {
        return objects.update(type, namespace, name, null, WriteOptions.DEFAULT, ObjectStore.Mutation.of(change, null));
    }

    protected ObjectStore.Deletion delete(ResourceType type, String namespace, String name, String policy) {
        return objects.delete(type, namespace, name, new DeleteOptions(policy, null, null, false));
    }

    protected ObjectNode createNamespace(String name) {
        return create(namespaces(), null, "{\"metadata\":{\"name\":\"" + name + "\"}}");
    }

    protected static ObjectNode object(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
