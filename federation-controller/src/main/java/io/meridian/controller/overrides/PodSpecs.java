package io.meridian.controller.overrides;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the pod specs in a manifest by their shape rather than by kind: a Pod's {@code spec}, the
 * pod template of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and any custom kind
 * that follows the convention ({@code spec.template.spec}), and a CronJob's job template ({@code
 * spec.jobTemplate.spec.template.spec}). A pod spec is an object with a {@code containers} array.
 */
final class PodSpecs {

    private static final List<List<String>> LOCATIONS = List.of(
            List.of("spec"),
            List.of("spec", "template", "spec"),
            List.of("spec", "jobTemplate", "spec", "template", "spec"));

    /** The container lists of pod specs; their names, in the order looked at. */
    static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers");

    private PodSpecs() {}

    /** The pointers (as token lists) of the pod specs in {@code manifest}. */
    static List<List<String>> find(JsonNode manifest) {
        List<List<String>> found = new ArrayList<>();
        for (List<String> location : LOCATIONS) {
            JsonNode spec = JsonPatcher.get(manifest, location);
            if (spec != null && spec.isObject() && spec.path("containers").isArray()) {
                found.add(location);
            }
        }
        return found;
    }

    /** Every container object (containers, then init containers) of every pod spec. */
    static List<ObjectNode> containers(JsonNode manifest) {
        List<ObjectNode> containers = new ArrayList<>();
        for (List<String> location : find(manifest)) {
            JsonNode spec = JsonPatcher.get(manifest, location);
            for (String list : CONTAINER_LISTS) {
                for (JsonNode container : spec.path(list)) {
                    if (container instanceof ObjectNode object) {
                        containers.add(object);
                    }
                }
            }
        }
        return containers;
    }

    /** The containers named {@code name}, in any pod spec of {@code manifest}. */
    static List<ObjectNode> named(JsonNode manifest, String name) {
        return containers(manifest).stream()
                .filter(c -> name != null && name.equals(c.path("name").asText(null)))
                .toList();
    }
}
