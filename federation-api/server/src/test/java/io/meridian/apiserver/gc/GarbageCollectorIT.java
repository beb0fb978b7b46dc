package io.meridian.apiserver.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.config.ApiServerOnEtcd;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.resource.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GarbageCollectorIT extends ApiServerOnEtcd {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void backgroundDeletionRemovesTheOwnerAtOnceAndItsDependentsAfter() {
        ResourceType cms = configMaps();
        ObjectNode owner = create(cms, "default", "{\"metadata\":{\"name\":\"bg-owner\"}}");
        dependent("bg-dep-1", owner);
        dependent("bg-dep-2", owner);
        ObjectNode unrelated = create(cms, "default", "{\"metadata\":{\"name\":\"bg-unrelated\"}}");

        ObjectStore.Deletion d = delete(cms, "default", "bg-owner", "Background");

        assertThat(d.deleted()).isTrue();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(objects.find(cms, "default", "bg-dep-1")).isEmpty();
            assertThat(objects.find(cms, "default", "bg-dep-2")).isEmpty();
        });
        assertThat(objects.find(cms, "default", "bg-unrelated")).isPresent();
        assertThat(Meta.uid(objects.get(cms, "default", "bg-unrelated"))).isEqualTo(Meta.uid(unrelated));
    }

    @Test
    void foregroundDeletionKeepsTheOwnerUntilItsDependentsAreGone() {
        ResourceType cms = configMaps();
        ObjectNode owner = create(cms, "default", "{\"metadata\":{\"name\":\"fg-owner\"}}");
        ObjectNode held = object("{\"metadata\":{\"name\":\"fg-held\",\"finalizers\":[\"example.com/hold\"]}}");
        dependent(held, owner);
        dependent("fg-free", owner);

        ObjectStore.Deletion d = delete(cms, "default", "fg-owner", "Foreground");

        assertThat(d.deleted()).isFalse();
        assertThat(finalizers(d.object())).contains("foregroundDeletion");
        assertThat(Meta.deleting(d.object())).isTrue();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(objects.find(cms, "default", "fg-free")).isEmpty();
            assertThat(objects.find(cms, "default", "fg-held"))
                    .hasValueSatisfying(o -> assertThat(Meta.deleting(o)).isTrue());
        });
        assertThat(objects.find(cms, "default", "fg-owner"))
                .as("the owner waits for its last dependent")
                .hasValueSatisfying(o -> assertThat(finalizers(o)).containsExactly("foregroundDeletion"));

        update(cms, "default", "fg-held", o -> {
            o.with("metadata").remove("finalizers");
            return o;
        });

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(objects.find(cms, "default", "fg-held")).isEmpty();
            assertThat(objects.find(cms, "default", "fg-owner")).isEmpty();
        });
    }

    @Test
    void orphanDeletionReleasesTheDependentsAndKeepsThem() {
        ResourceType cms = configMaps();
        ObjectNode owner = create(cms, "default", "{\"metadata\":{\"name\":\"or-owner\"}}");
        ObjectNode other = create(cms, "default", "{\"metadata\":{\"name\":\"or-other-owner\"}}");
        dependent("or-dep", owner);
        ObjectNode shared = object("{\"metadata\":{\"name\":\"or-shared\"}}");
        shared.with("metadata").set("ownerReferences", references(owner, other));
        create(cms, "default", shared.toString());

        ObjectStore.Deletion d = delete(cms, "default", "or-owner", "Orphan");

        assertThat(d.deleted()).isFalse();
        assertThat(finalizers(d.object())).contains("orphan");
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(objects.find(cms, "default", "or-owner")).isEmpty());
        ObjectNode released = objects.get(cms, "default", "or-dep");
        assertThat(released.path("metadata").has("ownerReferences")).isFalse();
        assertThat(Meta.deleting(released)).isFalse();
        assertThat(ownerNames(objects.get(cms, "default", "or-shared"))).containsExactly("or-other-owner");
    }

    @Test
    void aDependentLosesOnlyTheOwnersThatAreGone() {
        ResourceType cms = configMaps();
        ObjectNode kept = create(cms, "default", "{\"metadata\":{\"name\":\"two-kept\"}}");
        ObjectNode gone = create(cms, "default", "{\"metadata\":{\"name\":\"two-gone\"}}");
        ObjectNode dep = object("{\"metadata\":{\"name\":\"two-dep\"}}");
        dep.with("metadata").set("ownerReferences", references(kept, gone));
        create(cms, "default", dep.toString());

        delete(cms, "default", "two-gone", "Background");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ownerNames(objects.get(cms, "default", "two-dep")))
                        .containsExactly("two-kept"));
        assertThat(objects.find(cms, "default", "two-kept")).isPresent();
    }

    @Test
    void anOwnerIsKnownByItsUidNotByItsName() {
        ResourceType cms = configMaps();
        create(cms, "default", "{\"metadata\":{\"name\":\"uid-owner\"}}");
        ObjectNode impostor = object("""
                {"metadata":{"name":"uid-owner","uid":"00000000-0000-0000-0000-000000000000"}}""");
        // the owner reference names an earlier object of the same name, since deleted
        dependent("uid-dep", impostor);

        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(objects.find(cms, "default", "uid-dep")).isEmpty());
        assertThat(objects.find(cms, "default", "uid-owner")).isPresent();
    }

    @Test
    void ownersAndDependentsMayBeOfDifferentKinds() {
        ObjectNode deployment = create(deployments(), "default", """
                {"metadata":{"name":"kinds-owner"},
                 "spec":{"selector":{"matchLabels":{"app":"k"}},
                   "template":{"metadata":{"labels":{"app":"k"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""");
        dependent("kinds-dep", deployment);

        delete(deployments(), "default", "kinds-owner", null);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(objects.find(configMaps(), "default", "kinds-dep"))
                        .isEmpty());
    }

    private ObjectNode dependent(String name, ObjectNode owner) {
        return dependent(object("{\"metadata\":{\"name\":\"" + name + "\"}}"), owner);
    }

    private ObjectNode dependent(ObjectNode obj, ObjectNode owner) {
        obj.with("metadata").set("ownerReferences", references(owner));
        return create(configMaps(), "default", obj.toString());
    }

    private static JsonNode references(ObjectNode... owners) {
        var refs = object("{\"r\":[]}").withArray("r");
        for (ObjectNode owner : owners) {
            refs.addObject()
                    .put("apiVersion", owner.path("apiVersion").asText("v1"))
                    .put("kind", owner.path("kind").asText("ConfigMap"))
                    .put("name", Meta.name(owner))
                    .put("uid", Meta.uid(owner));
        }
        return refs;
    }

    private static List<String> finalizers(ObjectNode o) {
        List<String> out = new ArrayList<>();
        o.path("metadata").path("finalizers").forEach(f -> out.add(f.asText()));
        return out;
    }

    private static List<String> ownerNames(ObjectNode o) {
        List<String> out = new ArrayList<>();
        o.path("metadata")
                .path("ownerReferences")
                .forEach(r -> out.add(r.path("name").asText()));
        return out;
    }
}
