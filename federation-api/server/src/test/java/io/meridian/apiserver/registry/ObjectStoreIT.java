package io.meridian.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.config.ApiServerOnEtcd;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.selection.FieldSelector;
import io.meridian.apiserver.selection.LabelSelector;
import io.meridian.apiserver.status.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ObjectStoreIT extends ApiServerOnEtcd {

    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","labels":{"app":"web"}},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}},
             "status":{"replicas":99}}""";

    @Test
    void generationCountsChangesOfTheSpecOnly() {
        ResourceType deployments = deployments();
        ObjectNode created = create(deployments, "default", DEPLOYMENT.formatted("gen"));

        assertThat(Meta.generation(created)).isEqualTo(1);
        assertThat(created.has("status"))
                .as("create ignores status where /status is served")
                .isFalse();
        assertThat(created.path("metadata").path("uid").asText()).isNotEmpty();
        assertThat(created.path("metadata").path("creationTimestamp").asText()).isNotEmpty();

        ObjectNode relabelled = update(deployments, "default", "gen", d -> {
            d.with("metadata").with("labels").put("tier", "front");
            return d;
        });
        assertThat(Meta.generation(relabelled)).isEqualTo(1);
        assertThat(Meta.labels(relabelled)).containsEntry("tier", "front");

        ObjectNode scaled = update(deployments, "default", "gen", d -> {
            d.with("spec").put("replicas", 3);
            return d;
        });
        assertThat(Meta.generation(scaled)).isEqualTo(2);

        ObjectNode statusThroughMain = update(deployments, "default", "gen", d -> {
            d.with("status").put("replicas", 3);
            return d;
        });
        assertThat(statusThroughMain.has("status"))
                .as("the main resource ignores status")
                .isFalse();
        assertThat(Meta.generation(statusThroughMain)).isEqualTo(2);
        assertThat(Meta.resourceVersion(statusThroughMain))
                .as("a write that changes nothing stores nothing")
                .isEqualTo(Meta.resourceVersion(scaled));
    }

    @Test
    void theStatusSubresourceWritesStatusOnly() {
        ResourceType deployments = deployments();
        create(deployments, "default", DEPLOYMENT.formatted("status"));

        ObjectNode written = objects.update(
                deployments,
                "default",
                "status",
                "status",
                WriteOptions.DEFAULT,
                ObjectStore.Mutation.of(
                        d -> {
                            d.with("status").put("replicas", 1).put("observedGeneration", 1);
                            d.with("spec").put("replicas", 7);
                            d.with("metadata").with("labels").put("sneaky", "yes");
                            return d;
                        },
                        null));

        assertThat(written.path("status").path("replicas").asInt()).isEqualTo(1);
        assertThat(written.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(Meta.labels(written)).doesNotContainKey("sneaky");
        assertThat(Meta.generation(written)).isEqualTo(1);
        ObjectNode stored = objects.get(deployments, "default", "status");
        assertThat(stored.path("status").path("observedGeneration").asInt()).isEqualTo(1);
        assertThat(stored.path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        ResourceType configMaps = configMaps();
        ObjectNode v1 = create(configMaps, "default", """
                {"metadata":{"name":"pinned"},"data":{"k":"1"}}""");
        update(configMaps, "default", "pinned", c -> {
            c.with("data").put("k", "2");
            return c;
        });

        assertThatThrownBy(() -> objects.update(
                        configMaps,
                        "default",
                        "pinned",
                        null,
                        WriteOptions.DEFAULT,
                        ObjectStore.Mutation.of(
                                c -> {
                                    c.with("data").put("k", "stale");
                                    return c;
                                },
                                Meta.resourceVersion(v1))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                    assertThat(e.getMessage())
                            .isEqualTo("Operation cannot be fulfilled on configmaps \"pinned\": the object has been"
                                    + " modified; please apply your changes to the latest version and try again");
                });
        assertThatThrownBy(() -> objects.delete(
                        configMaps,
                        "default",
                        "pinned",
                        new DeleteOptions(null, null, Meta.resourceVersion(v1), false)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(409));
        assertThatThrownBy(() -> objects.delete(
                        configMaps, "default", "pinned", new DeleteOptions(null, "another-uid", null, false)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getMessage())
                                .contains("Precondition failed: UID in precondition: another-uid"));
        assertThat(objects.get(configMaps, "default", "pinned")
                        .path("data")
                        .path("k")
                        .asText())
                .isEqualTo("2");
    }

    @Test
    void unconditionalUpdatesFromManyWritersLoseNothing() throws Exception {
        ResourceType configMaps = configMaps();
        create(configMaps, "default", """
                {"metadata":{"name":"counter","annotations":{"count":"0"}}}""");
        int writers = 8;
        int increments = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit((Callable<Void>) () -> {
                for (int i = 0; i < increments; i++) {
                    update(configMaps, "default", "counter", c -> {
                        ObjectNode annotations = c.with("metadata").with("annotations");
                        annotations.put(
                                "count",
                                Integer.toString(Integer.parseInt(
                                                annotations.path("count").asText())
                                        + 1));
                        return c;
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(Meta.annotations(objects.get(configMaps, "default", "counter")))
                .containsEntry("count", Integer.toString(writers * increments));
    }

    @Test
    void anUnconditionalUpdateThatKeepsLosingRacesStillGetsThrough() {
        ResourceType configMaps = configMaps();
        create(configMaps, "default", """
                {"metadata":{"name":"contended"},"data":{"mine":"no"}}""");
        int[] attempts = {0};

        ObjectNode result = update(configMaps, "default", "contended", c -> {
            if (++attempts[0] <= 40) {
                // another writer gets in between this read and its write, forty times running
                update(configMaps, "default", "contended", other -> {
                    other.with("data").put("other", Integer.toString(attempts[0]));
                    return other;
                });
            }
            c.with("data").put("mine", "yes");
            return c;
        });

        assertThat(attempts[0]).isEqualTo(41);
        assertThat(result.path("data").path("mine").asText()).isEqualTo("yes");
        assertThat(result.path("data").path("other").asText()).isEqualTo("40");
    }

    @Test
    void finalizersHoldAnObjectUntilTheLastGoes() {
        ResourceType configMaps = configMaps();
        create(configMaps, "default", """
                {"metadata":{"name":"held","finalizers":["example.com/a","example.com/b"]},"data":{"k":"v"}}""");

        ObjectStore.Deletion first = delete(configMaps, "default", "held", null);
        ObjectStore.Deletion again = delete(configMaps, "default", "held", null);

        assertThat(first.deleted()).isFalse();
        assertThat(Meta.deleting(first.object())).isTrue();
        assertThat(first.object()
                        .path("metadata")
                        .path("deletionGracePeriodSeconds")
                        .asInt())
                .isZero();
        assertThat(again.deleted()).isFalse();
        assertThat(Meta.resourceVersion(again.object())).isEqualTo(Meta.resourceVersion(first.object()));
        assertThatThrownBy(() -> update(configMaps, "default", "held", c -> {
                    c.with("metadata").withArray("finalizers").add("example.com/late");
                    return c;
                }))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage())
                            .contains("no new finalizers can be added if the object is being deleted");
                });
        ObjectNode stillThere = update(configMaps, "default", "held", c -> {
            c.with("metadata").withArray("finalizers").remove(0);
            c.with("data").put("k", "changed while terminating");
            return c;
        });
        assertThat(stillThere.path("metadata").path("deletionTimestamp"))
                .isEqualTo(first.object().path("metadata").path("deletionTimestamp"));
        assertThat(objects.find(configMaps, "default", "held")).isPresent();

        update(configMaps, "default", "held", c -> {
            c.with("metadata").withArray("finalizers").removeAll();
            return c;
        });

        assertThat(objects.find(configMaps, "default", "held")).isEmpty();
    }

    @Test
    void aPagedListIsConsistentAcrossPagesWhileTheWorldMovesOn() {
        ResourceType configMaps = configMaps();
        createNamespace("paging");
        for (int i = 0; i < 7; i++) {
            create(
                    configMaps,
                    "paging",
                    "{\"metadata\":{\"name\":\"cm-" + i + "\",\"labels\":{\"odd\":\"" + (i % 2 == 1) + "\"}}}");
        }

        ObjectNode first = objects.list(configMaps, "paging", options(null, 3, null));
        create(configMaps, "paging", "{\"metadata\":{\"name\":\"cm-0a\"}}");
        delete(configMaps, "paging", "cm-4", null);
        ObjectNode second = objects.list(
                configMaps,
                "paging",
                options(null, 3, first.path("metadata").path("continue").asText()));
        ObjectNode third = objects.list(
                configMaps,
                "paging",
                options(null, 3, second.path("metadata").path("continue").asText()));

        String revision = first.path("metadata").path("resourceVersion").asText();
        assertThat(names(first)).containsExactly("cm-0", "cm-1", "cm-2");
        assertThat(first.path("metadata").path("remainingItemCount").asLong()).isEqualTo(4);
        assertThat(names(second)).containsExactly("cm-3", "cm-4", "cm-5");
        assertThat(second.path("metadata").path("resourceVersion").asText()).isEqualTo(revision);
        assertThat(names(third)).containsExactly("cm-6");
        assertThat(third.path("metadata").path("resourceVersion").asText()).isEqualTo(revision);
        assertThat(third.path("metadata").has("continue")).isFalse();
        assertThat(names(objects.list(configMaps, "paging", ListOptions.ALL)))
                .containsExactly("cm-0", "cm-0a", "cm-1", "cm-2", "cm-3", "cm-5", "cm-6");

        ObjectNode odd = objects.list(configMaps, "paging", options("odd=true", 2, null));
        ObjectNode oddRest = objects.list(
                configMaps,
                "paging",
                options("odd=true", 2, odd.path("metadata").path("continue").asText()));
        assertThat(names(odd)).containsExactly("cm-1", "cm-3");
        assertThat(names(oddRest)).containsExactly("cm-5");

        String foreign = first.path("metadata").path("continue").asText();
        assertThatThrownBy(() -> objects.list(configMaps, "default", options(null, 3, foreign)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void aSingleNameSelectionReadsOneKey() {
        ResourceType configMaps = configMaps();
        create(configMaps, "default", "{\"metadata\":{\"name\":\"only-me\"}}");
        create(configMaps, "default", "{\"metadata\":{\"name\":\"only-me-not\"}}");

        ObjectNode list = objects.list(
                configMaps,
                "default",
                new ListOptions(
                        LabelSelector.EVERYTHING,
                        FieldSelector.parse("metadata.name=only-me", java.util.Set.of(), "ConfigMap"),
                        null,
                        null,
                        0,
                        null));

        assertThat(names(list)).containsExactly("only-me");
    }

    @Test
    void refusesWhatKubeRefuses() {
        ResourceType configMaps = configMaps();

        assertThatThrownBy(() -> create(configMaps, "nowhere", "{\"metadata\":{\"name\":\"x\"}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("namespaces \"nowhere\" not found");
                });
        assertThatThrownBy(() -> create(configMaps, "default", "{\"metadata\":{\"name\":\"Not_A_Name\"}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.causes()).extracting(c -> c.field()).contains("metadata.name");
                });
        create(configMaps, "default", "{\"metadata\":{\"name\":\"twice\"}}");
        assertThatThrownBy(() -> create(configMaps, "default", "{\"metadata\":{\"name\":\"twice\"}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("AlreadyExists");
                });
        assertThatThrownBy(() -> update(configMaps, "default", "absent", c -> c))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(404));
        ObjectNode generated = create(configMaps, "default", "{\"metadata\":{\"generateName\":\"gen-\"}}");
        assertThat(Meta.name(generated)).matches("gen-[a-z0-9]{5}");
    }

    private static ListOptions options(String labels, long limit, String continueToken) {
        return new ListOptions(LabelSelector.parse(labels), FieldSelector.EVERYTHING, null, null, limit, continueToken);
    }

    private static List<String> names(ObjectNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            out.add(item.path("metadata").path("name").asText());
        }
        return out;
    }
}
