package io.meridian.controller.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.ClusterStatus;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.Namespaces;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.work.ManifestStatus;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.ResourceIdentifier;
import io.meridian.api.model.work.Work;
import io.meridian.api.model.work.WorkStatus;
import io.meridian.controller.config.ControllerProperties;
import io.meridian.controller.config.ControllerRunner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the integration tests share: clients of the federation API, a controller runner wired as
 * the application wires it, member clusters made Ready the way their syncers would (a heartbeat
 * Lease and the Reachable condition), and syncers' reports written into Works.
 */
final class Federation {

    static final List<String> CLUSTERS = List.of("us-east", "eu-west", "ap-south");

    private Federation() {}

    static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withOnlyHttpWatches(true)
                .withRequestTimeout(10_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Fast leases, a long heartbeat grace (the tests renew nothing) and no settling. */
    static ControllerProperties properties(String identity) {
        return properties(identity, new ControllerProperties.ClusterHealth(Duration.ofMinutes(30), Duration.ZERO));
    }

    /** Fast leases and the given cluster health timings. */
    static ControllerProperties properties(String identity, ControllerProperties.ClusterHealth health) {
        return new ControllerProperties(
                "",
                "",
                identity,
                List.of(),
                2,
                Duration.ofMinutes(10),
                new ControllerProperties.LeaderElection(
                        Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(250)),
                health);
    }

    static ControllerRunner runner(KubernetesClient client, String identity, Runnable onLostLead) {
        return new ControllerRunner(
                client, properties(identity), new SimpleMeterRegistry(), Clock.systemUTC(), onLostLead);
    }

    /** The three member clusters, in their regions, Ready as the controller judges them. */
    static void joinClusters(KubernetesClient client) {
        for (String name : CLUSTERS) {
            Cluster cluster = new Cluster(
                    name,
                    ClusterSpec.builder().region(name).syncMode(SyncMode.PULL).build());
            cluster.getMetadata().setLabels(Map.of("region", name));
            client.resource(cluster).create();
            String namespace = Namespaces.executionNamespace(name);
            try {
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(namespace)
                                .endMetadata()
                                .build())
                        .create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
            client.leases()
                    .inNamespace(namespace)
                    .resource(new LeaseBuilder()
                            .withNewMetadata()
                            .withName(ResourceNames.HEARTBEAT_LEASE)
                            .withNamespace(namespace)
                            .endMetadata()
                            .withNewSpec()
                            .withHolderIdentity("member-sync/" + name)
                            .withLeaseDurationSeconds(40)
                            .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
                            .endSpec()
                            .build())
                    .create();
            // The cluster controller writes the status too: retried on conflict, as a syncer would.
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptionsInstanceOf(KubernetesClientException.class)
                    .until(() -> reachable(client, name));
        }
    }

    /** Writes the Reachable condition a syncer reports. */
    private static boolean reachable(KubernetesClient client, String name) {
        client.resources(Cluster.class).withName(name).editStatus(stored -> {
            ClusterStatus before =
                    stored.getStatus() == null ? ClusterStatus.builder().build() : stored.getStatus();
            stored.setStatus(before.toBuilder()
                    .conditions(Conditions.set(
                            before.conditions(),
                            Condition.of(
                                    ConditionTypes.REACHABLE,
                                    ConditionStatus.TRUE,
                                    ConditionReasons.CLUSTER_READY,
                                    "the member answered",
                                    Instant.now())))
                    .kubernetesVersion("v1.34.1")
                    .lastHeartbeatTime(Instant.now())
                    .build());
            return stored;
        });
        return true;
    }

    static void awaitClustersReady(KubernetesClient client) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String name : CLUSTERS) {
                Cluster cluster = client.resources(Cluster.class).withName(name).get();
                assertThat(cluster.getStatus()).isNotNull();
                assertThat(Conditions.isTrue(cluster.getStatus().conditions(), ConditionTypes.READY))
                        .as("cluster %s Ready", name)
                        .isTrue();
            }
        });
    }

    static <T extends HasMetadata> T load(KubernetesClient client, String yaml, Class<T> type) {
        return client.getKubernetesSerialization().unmarshal(yaml, type);
    }

    static void namespace(KubernetesClient client, String name) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
    }

    /** The Work of {@code kind namespace/name} in {@code cluster}'s execution namespace, or null. */
    static Work work(KubernetesClient client, String cluster, String kind, String namespace, String name) {
        return client.resources(Work.class)
                .inNamespace(Namespaces.executionNamespace(cluster))
                .withName(ResourceNames.workName(kind, namespace, name))
                .get();
    }

    /** Every Work, in every execution namespace, rendered from the binding {@code namespace/name}. */
    static List<Work> worksOf(KubernetesClient client, String namespace, String bindingName) {
        return client.resources(Work.class).inAnyNamespace().list().getItems().stream()
                .filter(w -> w.getMetadata().getLabels() != null
                        && bindingName.equals(w.getMetadata().getLabels().get("meridian.io/binding-name"))
                        && java.util.Objects.equals(
                                namespace, w.getMetadata().getLabels().get("meridian.io/binding-namespace")))
                .toList();
    }

    /** The manifest at {@code index} of a Work, as JSON. */
    static JsonNode manifest(KubernetesClient client, Work work, int index) {
        GenericKubernetesResource manifest =
                work.getSpec().workload().manifests().get(index);
        return client.getKubernetesSerialization().convertValue(manifest, JsonNode.class);
    }

    static int replicasIn(KubernetesClient client, Work work) {
        return manifest(client, work, 0).path("spec").path("replicas").asInt(-1);
    }

    /**
     * Writes what a syncer writes after applying every manifest of the Work: applied, healthy, and
     * for each manifest the status snapshot {@code snapshot} gives (null for none).
     */
    static void reportApplied(KubernetesClient client, Work work, Function<JsonNode, ObjectNode> snapshot) {
        report(
                client,
                work,
                manifest -> ManifestStatus.applied(
                        identifier(manifest.getValue(), manifest.getKey()),
                        ResourceHealth.HEALTHY,
                        snapshot.apply(manifest.getValue()),
                        work.getMetadata().getGeneration()),
                Condition.of(
                                ConditionTypes.APPLIED,
                                ConditionStatus.TRUE,
                                ConditionReasons.APPLIED,
                                "applied",
                                Instant.now())
                        .withObservedGeneration(work.getMetadata().getGeneration()));
    }

    /** Writes what a syncer writes when the member refuses the Work's first manifest. */
    static void reportRejected(KubernetesClient client, Work work, String memberMessage) {
        report(
                client,
                work,
                manifest -> manifest.getKey() == 0
                        ? ManifestStatus.failed(
                                identifier(manifest.getValue(), 0),
                                ConditionReasons.APPLY_FAILED,
                                memberMessage,
                                work.getMetadata().getGeneration())
                        : ManifestStatus.applied(
                                identifier(manifest.getValue(), manifest.getKey()),
                                ResourceHealth.HEALTHY,
                                null,
                                work.getMetadata().getGeneration()),
                Condition.of(
                                ConditionTypes.APPLIED,
                                ConditionStatus.FALSE,
                                ConditionReasons.APPLY_FAILED,
                                memberMessage,
                                Instant.now())
                        .withObservedGeneration(work.getMetadata().getGeneration()));
    }

    private static void report(
            KubernetesClient client,
            Work work,
            Function<Map.Entry<Integer, JsonNode>, ManifestStatus> entry,
            Condition applied) {
        List<ManifestStatus> entries = new ArrayList<>();
        List<GenericKubernetesResource> manifests = work.getSpec().workload().manifests();
        for (int i = 0; i < manifests.size(); i++) {
            entries.add(entry.apply(
                    Map.entry(i, client.getKubernetesSerialization().convertValue(manifests.get(i), JsonNode.class))));
        }
        Work copy = client.getKubernetesSerialization().clone(work);
        copy.setStatus(new WorkStatus(List.of(applied), entries));
        client.resource(copy).updateStatus();
    }

    /** A Deployment's reflected status in a member that runs all its replicas. */
    static ObjectNode readyDeployment(JsonNode manifest) {
        if (!"Deployment".equals(manifest.path("kind").asText())) {
            return null;
        }
        int replicas = manifest.path("spec").path("replicas").asInt(1);
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("replicas", replicas);
        status.put("updatedReplicas", replicas);
        status.put("readyReplicas", replicas);
        status.put("availableReplicas", replicas);
        status.put("observedGeneration", 1);
        status.put("generation", 1);
        return status;
    }

    private static ResourceIdentifier identifier(JsonNode manifest, int ordinal) {
        String apiVersion = manifest.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        return new ResourceIdentifier(
                ordinal,
                slash < 0 ? null : apiVersion.substring(0, slash),
                slash < 0 ? apiVersion : apiVersion.substring(slash + 1),
                manifest.path("kind").asText(),
                null,
                manifest.path("metadata").path("namespace").asText(null),
                manifest.path("metadata").path("name").asText());
    }

    /** Removes every finalizer from the Works, as syncers do once the member copies are gone. */
    static void releaseWorks(KubernetesClient client, List<Work> works) {
        for (Work work : works) {
            try {
                client.resources(Work.class)
                        .inNamespace(work.getMetadata().getNamespace())
                        .withName(work.getMetadata().getName())
                        .edit(w -> {
                            w.getMetadata().setFinalizers(List.of());
                            return w;
                        });
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
    }

    /** The Events about the object {@code name} of {@code kind} in {@code namespace}. */
    static List<Event> events(KubernetesClient client, String namespace, String kind, String name) {
        return client.events().v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getRegarding() != null
                        && kind.equals(e.getRegarding().getKind())
                        && name.equals(e.getRegarding().getName()))
                .toList();
    }

    static Deployment deployment(KubernetesClient client, String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }
}
