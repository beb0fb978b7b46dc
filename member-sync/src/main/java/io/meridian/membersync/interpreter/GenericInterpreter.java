package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.meridian.api.model.work.AggregatedStatusItem;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.TargetCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The interpreter of kinds Meridian has no particular knowledge of (custom resources, ConfigMaps,
 * Secrets...), and the base of every per-kind interpreter.
 *
 * <ul>
 *   <li>replicas: none; {@code reviseReplicas} returns an unchanged copy.
 *   <li>retain: the rule for every kind (see {@link ResourceInterpreter#retain}).
 *   <li>health: the {@code Ready} condition, else the {@code Available} one: True is healthy, False
 *       unhealthy, Unknown unknown; an object with neither is healthy, since it exists (as Karmada
 *       does).
 *   <li>reflectStatus: the whole status.
 *   <li>aggregateStatus: the template's status with {@code conditions} merged over clusters (a
 *       condition is True only when it is True in every cluster).
 *   <li>dependencies: none.
 * </ul>
 *
 * <p>Interpreters for custom kinds may extend this class and override the public operations they
 * know better, calling {@code super} for the rest.
 */
public class GenericInterpreter implements ResourceInterpreter {

    @Override
    public Optional<WorkloadReplicas> replicas(GenericKubernetesResource object) {
        return replicasOf(Trees.tree(object));
    }

    @Override
    public GenericKubernetesResource reviseReplicas(GenericKubernetesResource object, int replicas) {
        requireReplicas(replicas);
        ObjectNode tree = Trees.tree(object);
        reviseReplicasIn(tree, replicas);
        return Trees.resource(tree);
    }

    @Override
    public Map<String, GenericKubernetesResource> divideReplicas(
            GenericKubernetesResource template, List<TargetCluster> targets) {
        targets.forEach(target -> {
            if (target.replicas() != null) {
                requireReplicas(target.replicas());
            }
        });
        Map<String, ObjectNode> divided = divideReplicasOf(Trees.tree(template), targets);
        Map<String, GenericKubernetesResource> result = new LinkedHashMap<>();
        divided.forEach((cluster, tree) -> result.put(cluster, Trees.resource(tree)));
        return result;
    }

    @Override
    public GenericKubernetesResource retain(GenericKubernetesResource desired, GenericKubernetesResource observed) {
        ObjectNode result = Trees.tree(desired);
        ObjectNode member = Trees.tree(observed);
        retainMetadata(result, member);
        retainIn(result, member);
        return Trees.resource(result);
    }

    @Override
    public ResourceHealth health(GenericKubernetesResource object) {
        return healthOf(Trees.tree(object));
    }

    @Override
    public Optional<ObjectNode> reflectStatus(GenericKubernetesResource object) {
        return reflectStatusOf(Trees.tree(object));
    }

    @Override
    public GenericKubernetesResource aggregateStatus(
            GenericKubernetesResource template, List<AggregatedStatusItem> items) {
        ObjectNode tree = Trees.tree(template);
        Optional<ObjectNode> status = aggregateStatusOf(tree, MemberStatus.of(items));
        // An empty status is left out rather than added to a template that has none.
        if (status.isPresent() && (!status.get().isEmpty() || tree.has("status"))) {
            tree.set("status", status.get());
        }
        return Trees.resource(tree);
    }

    @Override
    public List<DependentObjectReference> dependencies(GenericKubernetesResource object) {
        return dependenciesOf(Trees.tree(object));
    }

    // --- what per-kind interpreters override, on a private copy of the object ----------------

    Optional<WorkloadReplicas> replicasOf(ObjectNode object) {
        return Optional.empty();
    }

    /** Sets the replicas on {@code object}, a private copy; kinds without replicas leave it alone. */
    void reviseReplicasIn(ObjectNode object, int replicas) {}

    Map<String, ObjectNode> divideReplicasOf(ObjectNode template, List<TargetCluster> targets) {
        Map<String, ObjectNode> result = new LinkedHashMap<>();
        for (TargetCluster target : targets) {
            ObjectNode copy = template.deepCopy();
            if (target.replicas() != null) {
                reviseReplicasIn(copy, target.replicas());
            }
            result.put(target.name(), copy);
        }
        return result;
    }

    /** Keeps on {@code desired} (a private copy, metadata already retained) what this kind's member owns. */
    void retainIn(ObjectNode desired, ObjectNode observed) {}

    ResourceHealth healthOf(ObjectNode object) {
        return StatusConditions.health(object.path("status"), "Ready", "Available")
                .orElse(ResourceHealth.HEALTHY);
    }

    Optional<ObjectNode> reflectStatusOf(ObjectNode object) {
        return Trees.status(object).map(ObjectNode::deepCopy);
    }

    /** The aggregated status, or empty to leave the template's status as it is. */
    Optional<ObjectNode> aggregateStatusOf(ObjectNode template, List<MemberStatus> members) {
        ObjectNode status =
                template.path("status") instanceof ObjectNode existing ? existing.deepCopy() : Trees.NODES.objectNode();
        status.remove("conditions");
        putConditions(status, StatusConditions.merge(members));
        return Optional.of(status);
    }

    List<DependentObjectReference> dependenciesOf(ObjectNode object) {
        return List.of();
    }

    // --- shared by the per-kind interpreters -------------------------------------------------

    static void putConditions(ObjectNode status, ArrayNode conditions) {
        if (!conditions.isEmpty()) {
            status.set("conditions", conditions);
        }
    }

    static String namespace(JsonNode object) {
        return Trees.text(object, "metadata", "namespace").orElse(null);
    }

    private static void requireReplicas(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas);
        }
    }

    /** Metadata the member's API server and controllers own, whatever the kind. */
    private static final List<String> SYSTEM_METADATA = List.of(
            "resourceVersion",
            "uid",
            "creationTimestamp",
            "generation",
            "selfLink",
            "deletionTimestamp",
            "deletionGracePeriodSeconds");

    static void retainMetadata(ObjectNode desired, ObjectNode observed) {
        ObjectNode metadata = Trees.object(desired, "metadata");
        JsonNode memberMetadata = observed.path("metadata");
        for (String field : SYSTEM_METADATA) {
            JsonNode value = memberMetadata.get(field);
            if (value == null || value.isNull()) {
                metadata.remove(field);
            } else {
                metadata.set(field, value.deepCopy());
            }
        }
        // Sent back, managedFields would be taken as the caller's; left out, the server keeps its own.
        metadata.remove("managedFields");

        List<JsonNode> finalizers = new ArrayList<>(Trees.elements(metadata, "finalizers"));
        for (JsonNode finalizer : Trees.elements(memberMetadata, "finalizers")) {
            if (!finalizers.contains(finalizer)) {
                finalizers.add(finalizer);
            }
        }
        if (!finalizers.isEmpty()) {
            metadata.set(
                    "finalizers",
                    Trees.array(finalizers.stream()
                            .<JsonNode>map(JsonNode::deepCopy)
                            .toList()));
        }
        if (!Trees.hasNonEmptyArray(metadata, "ownerReferences")
                && Trees.hasNonEmptyArray(memberMetadata, "ownerReferences")) {
            metadata.set(
                    "ownerReferences", memberMetadata.get("ownerReferences").deepCopy());
        }
        if (Trees.isTrue(metadata, "annotations", RETAIN_MEMBER_METADATA_ANNOTATION)) {
            keepMissingKeys(metadata, memberMetadata, "labels");
            keepMissingKeys(metadata, memberMetadata, "annotations");
        }

        JsonNode status = observed.get("status");
        if (status == null || status.isNull()) {
            desired.remove("status");
        } else {
            desired.set("status", status.deepCopy());
        }
    }

    private static void keepMissingKeys(ObjectNode metadata, JsonNode memberMetadata, String field) {
        JsonNode member = memberMetadata.path(field);
        if (!member.isObject() || member.isEmpty()) {
            return;
        }
        ObjectNode own = Trees.object(metadata, field);
        for (Map.Entry<String, JsonNode> entry : member.properties()) {
            if (!own.has(entry.getKey())) {
                own.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
    }
}
