package io.meridian.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta.FieldsV1;
import io.kubernetes.client.proto.Meta.LabelSelector;
import io.kubernetes.client.proto.Meta.ManagedFieldsEntry;
import io.kubernetes.client.proto.Meta.MicroTime;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.Time;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Networking;
import io.meridian.apiserver.builtin.BuiltinKinds;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaCatalog;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeProtobufTest {

    private static final List<ResourceType> NATIVE = BuiltinKinds.load(new SchemaCatalog());

    /**
     * Bodies kubectl v1.32 sent for {@code kubectl create ...} (the {@code .pb} files, captured
     * from the wire), against the JSON the same command prints with {@code --dry-run=client -o
     * json}: decoding must give exactly the object kubectl would have sent as JSON.
     */
    @ParameterizedTest(name = "kubectl create {0}")
    @CsvSource(textBlock = """
            namespace,          '',                 Namespace
            configmap,          '',                 ConfigMap
            secret,             '',                 Secret
            serviceaccount,     '',                 ServiceAccount
            service,            '',                 Service
            service-nodeport,   '',                 Service
            quota,              '',                 ResourceQuota
            deployment,         apps,               Deployment
            deployment-zero,    apps,               Deployment
            job,                batch,              Job
            cronjob,            batch,              CronJob
            pdb,                policy,             PodDisruptionBudget
            ingress,            networking.k8s.io,  Ingress
            """)
    void decodesWhatKubectlSendsIntoTheJsonItWouldHaveSent(String name, String group, String kind) {
        ResourceType type = nativeType(group, kind);

        ObjectNode decoded = KubeProtobuf.decode(resource(name + ".pb"), type.gvk(), type.schema());

        assertThat(decoded)
                .as("kubectl's JSON, less the nulls of zero timestamps: kube reads null and absent alike")
                .isEqualTo(withoutNulls(json(new String(resource(name + ".json"), StandardCharsets.UTF_8))));
    }

    @Test
    void deploymentWithContainersPortsQuantitiesAndIntOrString() {
        Message deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName("web")
                        .setNamespace("prod")
                        .setGenerateName("")
                        .setGeneration(0)
                        .setCreationTimestamp(Time.newBuilder().setSeconds(1_700_000_000L))
                        .putLabels("app", "web"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(0)
                        .setMinReadySeconds(0)
                        .setSelector(LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder()
                                .setType("RollingUpdate")
                                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                                        .setMaxUnavailable(IntOrString.newBuilder()
                                                .setType(0)
                                                .setIntVal(0))
                                        .setMaxSurge(IntOrString.newBuilder()
                                                .setType(1)
                                                .setStrVal("25%"))))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(ObjectMeta.newBuilder().putLabels("app", "web"))
                                .setSpec(V1.PodSpec.newBuilder()
                                        .addVolumes(V1.Volume.newBuilder()
                                                .setName("config")
                                                .setVolumeSource(V1.VolumeSource.newBuilder()
                                                        .setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                                                                .setLocalObjectReference(
                                                                        V1.LocalObjectReference.newBuilder()
                                                                                .setName("settings"))
                                                                .setDefaultMode(420))))
                                        .addContainers(V1.Container.newBuilder()
                                                .setName("web")
                                                .setImage("nginx:1.27")
                                                .setWorkingDir("")
                                                .addPorts(V1.ContainerPort.newBuilder()
                                                        .setName("http")
                                                        .setContainerPort(8080)
                                                        .setHostPort(0)
                                                        .setProtocol("TCP"))
                                                .addEnv(V1.EnvVar.newBuilder()
                                                        .setName("EMPTY")
                                                        .setValue(""))
                                                .setResources(V1.ResourceRequirements.newBuilder()
                                                        .putRequests("memory", quantity("128Mi"))
                                                        .putRequests("cpu", quantity("500m"))
                                                        .putLimits("memory", quantity("256Mi")))
                                                .setReadinessProbe(V1.Probe.newBuilder()
                                                        .setHandler(V1.ProbeHandler.newBuilder()
                                                                .setHttpGet(V1.HTTPGetAction.newBuilder()
                                                                        .setPath("/healthz")
                                                                        .setPort(IntOrString.newBuilder()
                                                                                .setIntVal(8080))))
                                                        .setTimeoutSeconds(0)
                                                        .setPeriodSeconds(10))
                                                .setStdin(false))
                                        .setTerminationGracePeriodSeconds(30)
                                        .setAutomountServiceAccountToken(false)
                                        .setHostNetwork(false))))
                .build();

        ObjectNode decoded = decode("apps/v1", "Deployment", deployment);

        assertThat(decoded).isEqualTo(json("""
                {"kind": "Deployment", "apiVersion": "apps/v1",
                 "metadata": {"name": "web", "namespace": "prod",
                   "creationTimestamp": "2023-11-14T22:13:20Z", "labels": {"app": "web"}},
                 "spec": {
                   "replicas": 0,
                   "selector": {"matchLabels": {"app": "web"}},
                   "template": {
                     "metadata": {"labels": {"app": "web"}},
                     "spec": {
                       "volumes": [{"name": "config", "configMap": {"name": "settings", "defaultMode": 420}}],
                       "containers": [{
                         "name": "web", "image": "nginx:1.27",
                         "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
                         "env": [{"name": "EMPTY"}],
                         "resources": {"limits": {"memory": "256Mi"},
                                       "requests": {"cpu": "500m", "memory": "128Mi"}},
                         "readinessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "periodSeconds": 10}}],
                       "terminationGracePeriodSeconds": 30,
                       "automountServiceAccountToken": false}},
                   "strategy": {"type": "RollingUpdate",
                                "rollingUpdate": {"maxUnavailable": 0, "maxSurge": "25%"}}}}
                """));
        assertThat(decoded.at("/spec/replicas").isInt())
                .as("integers are JSON numbers, not proto3 JSON's strings")
                .isTrue();
        assertThat(decoded.at("/spec/template/spec/containers/0/resources/requests")
                        .fieldNames())
                .toIterable()
                .as("map keys sorted, as Go writes them")
                .containsExactly("cpu", "memory");
    }

    @Test
    void secretDataIsBase64OfTheRawBytes() {
        Message secret = V1.Secret.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("token"))
                .putData("bin", ByteString.copyFrom(new byte[] {0, (byte) 0xff, 0x10}))
                .putData("token", ByteString.copyFromUtf8("s3cret"))
                .putStringData("plain", "text")
                .setType("Opaque")
                .setImmutable(true)
                .build();

        assertThat(decode("v1", "Secret", secret)).isEqualTo(json("""
                {"kind": "Secret", "apiVersion": "v1", "metadata": {"name": "token"}, "immutable": true,
                 "data": {"bin": "AP8Q", "token": "czNjcmV0"}, "stringData": {"plain": "text"}, "type": "Opaque"}
                """));
    }

    @Test
    void namespaceWithManagedFieldsTimesAndFieldsV1() {
        Message namespace = V1.Namespace.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName("team-a")
                        .addFinalizers("example.com/keep")
                        .addManagedFields(ManagedFieldsEntry.newBuilder()
                                .setManager("kubectl")
                                .setOperation("Update")
                                .setApiVersion("v1")
                                .setTime(Time.newBuilder().setSeconds(0).setNanos(0))
                                .setFieldsType("FieldsV1")
                                .setFieldsV1(FieldsV1.newBuilder()
                                        .setRaw(ByteString.copyFromUtf8("{\"f:metadata\":{\"f:labels\":{}}}")))))
                .setSpec(V1.NamespaceSpec.newBuilder().addFinalizers("kubernetes"))
                .setStatus(V1.NamespaceStatus.newBuilder().setPhase(""))
                .build();

        assertThat(decode("v1", "Namespace", namespace)).isEqualTo(json("""
                {"kind": "Namespace", "apiVersion": "v1",
                 "metadata": {"name": "team-a", "finalizers": ["example.com/keep"],
                   "managedFields": [{"manager": "kubectl", "operation": "Update", "apiVersion": "v1",
                     "fieldsType": "FieldsV1",
                     "fieldsV1": {"f:metadata": {"f:labels": {}}}}]},
                 "spec": {"finalizers": ["kubernetes"]},
                 "status": {}}
                """));
    }

    @Test
    void jobKeepsTheZeroOfPointerFieldsWhoseZeroMeansSomething() {
        Message job = V1Batch.Job.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("once"))
                .setSpec(V1Batch.JobSpec.newBuilder()
                        .setParallelism(2)
                        .setCompletions(4)
                        .setBackoffLimit(0)
                        .setTtlSecondsAfterFinished(0)
                        .setSuspend(false)
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setSpec(V1.PodSpec.newBuilder()
                                        .setRestartPolicy("Never")
                                        .addContainers(V1.Container.newBuilder()
                                                .setName("c")
                                                .setImage("busybox")
                                                .addCommand("sh")
                                                .addCommand("-c")
                                                .addCommand("echo hi")))))
                .setStatus(V1Batch.JobStatus.newBuilder().setActive(0).setSucceeded(0))
                .build();

        assertThat(decode("batch/v1", "Job", job)).isEqualTo(json("""
                {"kind": "Job", "apiVersion": "batch/v1", "metadata": {"name": "once"},
                 "spec": {"parallelism": 2, "completions": 4, "backoffLimit": 0,
                   "template": {"spec": {"containers": [{"name": "c", "image": "busybox",
                     "command": ["sh", "-c", "echo hi"]}], "restartPolicy": "Never"}},
                   "ttlSecondsAfterFinished": 0, "suspend": false},
                 "status": {}}
                """));
    }

    @Test
    void aProtoNameThatDiffersFromTheJsonNameTakesTheJsonOne() {
        Message ingressClass = V1Networking.IngressClass.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("external"))
                .setSpec(V1Networking.IngressClassSpec.newBuilder()
                        .setController("example.com/ingress")
                        .setParameters(V1Networking.IngressClassParametersReference.newBuilder()
                                .setAPIGroup("example.com")
                                .setKind("Params")
                                .setName("p")))
                .build();

        assertThat(decode("networking.k8s.io/v1", "IngressClass", ingressClass).at("/spec/parameters"))
                .isEqualTo(json("{\"apiGroup\": \"example.com\", \"kind\": \"Params\", \"name\": \"p\"}"));
    }

    @Test
    void microTimeKeepsMicrosecondsAndRawExtensionEmbedsItsJson() {
        Message event = V1.Event.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("e"))
                .setEventTime(MicroTime.newBuilder().setSeconds(1_700_000_000L).setNanos(123_456_789))
                .setLastTimestamp(Time.newBuilder().setSeconds(1_700_000_000L).setNanos(999_000_000))
                .build();
        Message revision = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("r"))
                .setData(RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"spec\":{\"x\":[1,\"a\"]}}")))
                .setRevision(3)
                .build();

        ObjectNode decodedEvent = decode("v1", "Event", event);
        assertThat(decodedEvent.path("eventTime").asText()).isEqualTo("2023-11-14T22:13:20.123456Z");
        assertThat(decodedEvent.path("lastTimestamp").asText())
                .as("metav1.Time keeps whole seconds")
                .isEqualTo("2023-11-14T22:13:20Z");
        ObjectNode decodedRevision = decode("apps/v1", "ControllerRevision", revision);
        assertThat(decodedRevision.path("data")).isEqualTo(json("{\"spec\":{\"x\":[1,\"a\"]}}"));
        assertThat(decodedRevision.path("revision").isIntegralNumber()).isTrue();
    }

    @Test
    void fieldsTheSchemaDoesNotKnowAreSkippedAsKubeSkipsUnknownProtobufFields() {
        SchemaNode schema = SchemaNode.of(
                json("{\"type\":\"object\",\"properties\":{\"metadata\":{\"type\":\"object\"},"
                        + "\"data\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}}}"),
                ref -> null);
        byte[] body = envelope(Unknown.newBuilder()
                .setTypeMeta(TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
                .setRaw(V1.ConfigMap.newBuilder()
                        .setMetadata(ObjectMeta.newBuilder().setName("c"))
                        .putData("k", "v")
                        .putBinaryData("b", ByteString.copyFromUtf8("x"))
                        .setImmutable(true)
                        .build()
                        .toByteString()));

        ObjectNode decoded = KubeProtobuf.decode(body, new GroupVersionKind("", "v1", "ConfigMap"), schema);

        assertThat(decoded.fieldNames()).toIterable().containsExactly("kind", "apiVersion", "metadata", "data");
    }

    @Test
    void anEnvelopeWithoutTypeInformationTakesTheEndpointsKind() {
        byte[] body = envelope(Unknown.newBuilder()
                .setRaw(V1.ConfigMap.newBuilder()
                        .setMetadata(ObjectMeta.newBuilder().setName("c"))
                        .putData("k", "v")
                        .build()
                        .toByteString()));

        ObjectNode decoded = KubeProtobuf.decode(body, new GroupVersionKind("", "v1", "ConfigMap"), SchemaNode.ANY);

        assertThat(decoded)
                .isEqualTo(json("{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"c\"},"
                        + "\"data\":{\"k\":\"v\"}}"));
    }

    @Test
    void anEnvelopeCarryingJsonIsReadAsJson() {
        byte[] body = envelope(Unknown.newBuilder()
                .setTypeMeta(TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
                .setContentType("application/json")
                .setRaw(ByteString.copyFromUtf8("{\"metadata\":{\"name\":\"c\"},\"data\":{\"k\":\"v\"}}")));

        assertThat(KubeProtobuf.decode(body, new GroupVersionKind("", "v1", "ConfigMap"), SchemaNode.ANY)
                        .at("/data/k")
                        .asText())
                .isEqualTo("v");
    }

    @Test
    void aKindWithoutAKnownMessageIsAnUnsupportedMediaType() {
        byte[] body = envelope(Unknown.newBuilder()
                .setTypeMeta(TypeMeta.newBuilder()
                        .setApiVersion("coordination.k8s.io/v1")
                        .setKind("Lease"))
                .setRaw(ByteString.EMPTY));

        assertThatThrownBy(() -> KubeProtobuf.decode(
                        body, new GroupVersionKind("coordination.k8s.io", "v1", "Lease"), SchemaNode.ANY))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(415))
                .hasMessageContaining("no protobuf message is known for coordination.k8s.io/v1, Kind=Lease")
                .hasMessageContaining("application/json");
    }

    @Test
    void aCompressedEnvelopeIsAnUnsupportedMediaType() {
        byte[] body = envelope(Unknown.newBuilder()
                .setTypeMeta(TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
                .setContentEncoding("gzip")
                .setRaw(ByteString.copyFromUtf8("x")));

        assertThatThrownBy(() -> KubeProtobuf.decode(body, new GroupVersionKind("", "v1", "ConfigMap"), SchemaNode.ANY))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(415))
                .hasMessageContaining("content encoding \"gzip\"");
    }

    @Test
    void bytesThatAreNotKubesProtobufAreABadRequest() {
        GroupVersionKind cm = new GroupVersionKind("", "v1", "ConfigMap");

        assertThatThrownBy(() -> KubeProtobuf.decode(
                        "{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8), cm, SchemaNode.ANY))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining("expected prefix [107 56 115 0]");
        byte[] truncated = resource("deployment.pb");
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 20);
        assertThatThrownBy(() -> KubeProtobuf.decode(cut, cm, SchemaNode.ANY))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @ParameterizedTest(name = "{0} ns is {1}")
    @CsvSource(textBlock = """
            0,                 0s
            1,                 1ns
            1500,              1.5µs
            2000000,           2ms
            1500000000,        1.5s
            60000000000,       1m0s
            3600000000000,     1h0m0s
            5430500000000,     1h30m30.5s
            -90000000000,      -1m30s
            """)
    void durationsPrintAsGoPrintsThem(long nanos, String printed) {
        assertThat(GoTime.duration(nanos)).isEqualTo(printed);
    }

    private static ObjectNode decode(String apiVersion, String kind, Message object) {
        GroupVersionKind gvk = GroupVersionKind.of(apiVersion, kind);
        ResourceType type =
                NATIVE.stream().filter(t -> t.gvk().equals(gvk)).findFirst().orElse(null);
        byte[] body = envelope(Unknown.newBuilder()
                .setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString())
                .setContentEncoding("")
                .setContentType(""));
        return KubeProtobuf.decode(body, gvk, type == null ? SchemaNode.ANY : type.schema());
    }

    private static byte[] envelope(Unknown.Builder unknown) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'k', '8', 's', 0});
        out.writeBytes(unknown.build().toByteArray());
        return out.toByteArray();
    }

    private static Quantity quantity(String value) {
        return Quantity.newBuilder().setString(value).build();
    }

    private static ResourceType nativeType(String group, String kind) {
        return NATIVE.stream()
                .filter(t -> t.group().equals(group) && t.kind().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    out.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(withoutNulls(item)));
            return out;
        }
        return node;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = KubeProtobufTest.class.getResourceAsStream("/protobuf/kubectl/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
