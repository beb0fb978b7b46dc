package io.meridian.it.apiserver.client;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A custom kind for the suites, {@code Widget} in {@value #GROUP}/v1: {@code spec.replicas} (integer, the scale
 * subresource's), {@code spec.color} (string), and a free-form status subresource.
 */
public final class Widgets {

    public static final String GROUP = "e2e.meridian.io";
    public static final String API_VERSION = GROUP + "/v1";
    public static final String KIND = "Widget";
    public static final String PLURAL = "widgets";

    /** How the generic client addresses widgets without discovery. */
    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup(GROUP)
            .withVersion("v1")
            .withKind(KIND)
            .withPlural(PLURAL)
            .withNamespaced(true)
            .build();

    private Widgets() {}

    /** The CustomResourceDefinition of widgets. */
    public static CustomResourceDefinition definition() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(PLURAL + "." + GROUP)
                .endMetadata()
                .withNewSpec()
                .withGroup(GROUP)
                .withScope("Namespaced")
                .withNewNames()
                .withKind(KIND)
                .withListKind(KIND + "List")
                .withPlural(PLURAL)
                .withSingular("widget")
                .withShortNames("wdg")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .withNewSubresources()
                .withNewStatus()
                .endStatus()
                .withNewScale()
                .withSpecReplicasPath(".spec.replicas")
                .withStatusReplicasPath(".status.replicas")
                .endScale()
                .endSubresources()
                .withNewSchema()
                .withOpenAPIV3Schema(new JSONSchemaPropsBuilder()
                        .withType("object")
                        .addToProperties(
                                "spec",
                                new JSONSchemaPropsBuilder()
                                        .withType("object")
                                        .addToProperties(
                                                "replicas",
                                                new JSONSchemaPropsBuilder()
                                                        .withType("integer")
                                                        .build())
                                        .addToProperties(
                                                "color",
                                                new JSONSchemaPropsBuilder()
                                                        .withType("string")
                                                        .build())
                                        .build())
                        .addToProperties(
                                "status",
                                new JSONSchemaPropsBuilder()
                                        .withType("object")
                                        .withXKubernetesPreserveUnknownFields(true)
                                        .build())
                        .build())
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
    }

    /**
     * Creates the definition through {@code client} and waits until the server serves widgets (every API server of
     * the ring learns of it from etcd, so {@code servedBy} may be other clients than the creating one).
     */
    public static CustomResourceDefinition install(KubernetesClient client, KubernetesClient... servedBy) {
        CustomResourceDefinition crd = client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(definition())
                .create();
        awaitServed(client);
        for (KubernetesClient other : servedBy) {
            awaitServed(other);
        }
        return crd;
    }

    /** Waits until listing widgets through {@code client} no longer answers 404. */
    public static void awaitServed(KubernetesClient client) {
        Awaitility.await("widgets served by " + client.getMasterUrl())
                .atMost(Duration.ofSeconds(20))
                .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 404)
                .until(
                        () -> client.genericKubernetesResources(CONTEXT)
                                .inNamespace("default")
                                .list(),
                        list -> true);
    }

    /** A widget named {@code name} in {@code namespace}. */
    public static GenericKubernetesResource widget(String namespace, String name, int replicas, String color) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind(KIND)
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("replicas", replicas, "color", color)))
                .build();
    }
}
