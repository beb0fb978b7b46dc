package io.meridian.controller.overrides;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.api.model.override.CommandArgsOverrider;
import io.meridian.api.model.override.EnvOverrider;
import io.meridian.api.model.override.EnvValue;
import io.meridian.api.model.override.ImageOverrider;
import io.meridian.api.model.override.JsonPatch;
import io.meridian.api.model.override.LabelAnnotationOverrider;
import io.meridian.api.model.override.OverrideRule;
import io.meridian.api.model.override.Overriders;
import io.meridian.api.model.override.PatchOperation;
import io.meridian.controller.matching.OverrideMatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies override rules to a manifest for one target cluster.
 *
 * <p>Policies apply in the order given (as {@link
 * io.meridian.controller.matching.OverridePolicyMatcher} returns them: cluster policies, then
 * namespaced ones, each by name), and their rules in list order. A rule applies when its {@code
 * targetCluster} includes the cluster (absent: every cluster). Within a rule the overriders run in
 * the order the API documents: image, replicas, command, args, env, labels, annotations, and JSON
 * patches last, so that a patch can correct anything before it.
 *
 * <p>A rule is atomic: if any of its overriders fails, none of its changes are kept, the failure is
 * recorded with the rule and the overrider, and the next rules still run. Nothing is thrown for a
 * bad rule or a manifest that does not fit it.
 *
 * <p>What each overrider does:
 *
 * <ul>
 *   <li>imageOverrider: with a predicate, the string at its JSON pointer (which must exist); without,
 *       every container and init container image of every pod spec ({@link PodSpecs}); a manifest
 *       without a pod spec is left alone. See {@link ImageReference#with} for the components.
 *   <li>replicasOverrider: sets {@code spec.replicas}; the manifest must have a spec.
 *   <li>commandOverrider, argsOverrider: for the containers (or init containers) of that name; add
 *       appends the values, remove deletes every occurrence of them and drops a list left empty. A
 *       manifest without such a container is left alone.
 *   <li>envOverrider: for the containers of that name; add sets each variable (replacing one of the
 *       same name, value and valueFrom alike, or appending), replace sets only those already there,
 *       remove deletes those of these names.
 *   <li>labelsOverrider, annotationsOverrider: on the object's own metadata; add sets the keys,
 *       replace sets only keys already there, remove deletes the keys.
 *   <li>plaintext: JSON patch operations (RFC 6902: add, remove, replace), strictly: a missing
 *       parent or target is a failure.
 * </ul>
 */
public final class OverrideApplier {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private OverrideApplier() {}

    /**
     * Applies the rules of {@code policies} that target {@code cluster} to a copy of {@code
     * manifest}.
     *
     * @param manifest a Kubernetes object as JSON; not changed
     * @param policies the matching policies, in application order
     */
    public static OverrideResult apply(JsonNode manifest, OverrideTarget cluster, List<OverrideMatch> policies) {
        if (!(manifest instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a manifest must be a JSON object");
        }
        ObjectNode current = object.deepCopy();
        List<RuleRef> applied = new ArrayList<>();
        List<OverrideFailure> failures = new ArrayList<>();
        for (OverrideMatch policy : policies) {
            List<OverrideRule> rules = policy.spec().overrideRules();
            for (int i = 0; i < rules.size(); i++) {
                OverrideRule rule = rules.get(i);
                if (rule == null || !targets(rule, cluster)) {
                    continue;
                }
                RuleRef ref = RuleRef.of(policy, i);
                ObjectNode attempt = current.deepCopy();
                try {
                    current = applyRule(attempt, rule.overriders());
                    applied.add(ref);
                } catch (RuleFailure failure) {
                    failures.add(new OverrideFailure(ref, failure.overrider, failure.getMessage()));
                }
            }
        }
        return new OverrideResult(current, applied, failures);
    }

    /** {@link #apply(JsonNode, OverrideTarget, List)} for a generic Kubernetes object. */
    public static OverrideResult apply(
            GenericKubernetesResource manifest, OverrideTarget cluster, List<OverrideMatch> policies) {
        return apply(SERIALIZATION.convertValue(manifest, JsonNode.class), cluster, policies);
    }

    /** The overridden manifest of {@code result} as a generic Kubernetes object. */
    public static GenericKubernetesResource toResource(OverrideResult result) {
        return SERIALIZATION.convertValue(result.manifest(), GenericKubernetesResource.class);
    }

    private static boolean targets(OverrideRule rule, OverrideTarget cluster) {
        return rule.targetCluster() == null
                || rule.targetCluster().matches(cluster.name(), cluster.region(), cluster.labels());
    }

    private static ObjectNode applyRule(ObjectNode manifest, Overriders overriders) throws RuleFailure {
        if (overriders == null) {
            return manifest;
        }
        List<ImageOverrider> images = overriders.imageOverrider();
        for (int i = 0; i < images.size(); i++) {
            ImageOverrider overrider = images.get(i);
            run("imageOverrider[" + i + "]", () -> image(manifest, overrider));
        }
        if (overriders.replicasOverrider() != null) {
            run(
                    "replicasOverrider",
                    () -> replicas(manifest, overriders.replicasOverrider().replicas()));
        }
        List<CommandArgsOverrider> commands = overriders.commandOverrider();
        for (int i = 0; i < commands.size(); i++) {
            CommandArgsOverrider overrider = commands.get(i);
            run("commandOverrider[" + i + "]", () -> commandOrArgs(manifest, overrider, "command"));
        }
        List<CommandArgsOverrider> args = overriders.argsOverrider();
        for (int i = 0; i < args.size(); i++) {
            CommandArgsOverrider overrider = args.get(i);
            run("argsOverrider[" + i + "]", () -> commandOrArgs(manifest, overrider, "args"));
        }
        List<EnvOverrider> envs = overriders.envOverrider();
        for (int i = 0; i < envs.size(); i++) {
            EnvOverrider overrider = envs.get(i);
            run("envOverrider[" + i + "]", () -> env(manifest, overrider));
        }
        List<LabelAnnotationOverrider> labels = overriders.labelsOverrider();
        for (int i = 0; i < labels.size(); i++) {
            LabelAnnotationOverrider overrider = labels.get(i);
            run("labelsOverrider[" + i + "]", () -> metadataMap(manifest, "labels", overrider));
        }
        List<LabelAnnotationOverrider> annotations = overriders.annotationsOverrider();
        for (int i = 0; i < annotations.size(); i++) {
            LabelAnnotationOverrider overrider = annotations.get(i);
            run("annotationsOverrider[" + i + "]", () -> metadataMap(manifest, "annotations", overrider));
        }
        ObjectNode result = manifest;
        List<JsonPatch> patches = overriders.plaintext();
        for (int i = 0; i < patches.size(); i++) {
            JsonPatch patch = patches.get(i);
            JsonNode patched;
            try {
                patched = patch == null ? result : JsonPatcher.apply(result, patch);
            } catch (OverrideException e) {
                throw new RuleFailure("plaintext[" + i + "]", e.getMessage());
            }
            if (!(patched instanceof ObjectNode patchedObject)) {
                throw new RuleFailure("plaintext[" + i + "]", "the patched manifest is not a JSON object");
            }
            result = patchedObject;
        }
        return result;
    }

    private static void image(ObjectNode manifest, ImageOverrider overrider) throws OverrideException {
        if (overrider == null || overrider.component() == null || overrider.operator() == null) {
            throw new OverrideException("component and operator are required");
        }
        if (overrider.predicate() != null) {
            List<String> path = JsonPatcher.parse(
                    overrider.predicate().path() == null
                            ? ""
                            : overrider.predicate().path());
            JsonNode image = JsonPatcher.get(manifest, path);
            if (image == null || !image.isTextual()) {
                throw new OverrideException("the path " + overrider.predicate().path() + " is not an image string");
            }
            JsonPatcher.apply(
                    manifest,
                    new JsonPatch(
                            PatchOperation.REPLACE,
                            overrider.predicate().path(),
                            TextNode.valueOf(rewrite(image.asText(), overrider))));
            return;
        }
        for (ObjectNode container : PodSpecs.containers(manifest)) {
            JsonNode image = container.get("image");
            if (image != null && image.isTextual()) {
                container.put("image", rewrite(image.asText(), overrider));
            }
        }
    }

    private static String rewrite(String image, ImageOverrider overrider) throws OverrideException {
        return ImageReference.parse(image)
                .with(overrider.component(), overrider.operator(), overrider.value())
                .toString();
    }

    private static void replicas(ObjectNode manifest, Integer replicas) throws OverrideException {
        if (replicas == null || replicas < 0) {
            throw new OverrideException("replicas must be zero or more");
        }
        if (!(manifest.get("spec") instanceof ObjectNode spec)) {
            throw new OverrideException("the object has no spec to set replicas in");
        }
        spec.put("replicas", replicas);
    }

    private static void commandOrArgs(ObjectNode manifest, CommandArgsOverrider overrider, String field)
            throws OverrideException {
        if (overrider.operator() == null) {
            throw new OverrideException("the operator is required");
        }
        for (ObjectNode container : PodSpecs.named(manifest, overrider.containerName())) {
            JsonNode existing = container.get(field);
            if (existing != null && !existing.isArray() && !existing.isNull()) {
                throw new OverrideException(
                        "the " + field + " of container " + overrider.containerName() + " is not a list");
            }
            switch (overrider.operator()) {
                case ADD -> {
                    ArrayNode list = existing instanceof ArrayNode array ? array : container.putArray(field);
                    overrider.value().forEach(list::add);
                }
                case REMOVE -> {
                    if (existing instanceof ArrayNode array) {
                        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                            if (overrider.value().contains(it.next().asText())) {
                                it.remove();
                            }
                        }
                        if (array.isEmpty()) {
                            container.remove(field);
                        }
                    }
                }
                case REPLACE -> throw new OverrideException(field + " overriders take add or remove");
            }
        }
    }

    private static void env(ObjectNode manifest, EnvOverrider overrider) throws OverrideException {
        if (overrider.operator() == null) {
            throw new OverrideException("the operator is required");
        }
        for (ObjectNode container : PodSpecs.named(manifest, overrider.containerName())) {
            JsonNode existing = container.get("env");
            if (existing != null && !existing.isArray() && !existing.isNull()) {
                throw new OverrideException("the env of container " + overrider.containerName() + " is not a list");
            }
            ArrayNode env = existing instanceof ArrayNode array ? array : JsonNodeFactory.instance.arrayNode();
            for (EnvValue variable : overrider.value()) {
                int at = indexOf(env, variable.name());
                switch (overrider.operator()) {
                    case ADD -> {
                        if (at >= 0) {
                            env.set(at, variable(variable));
                        } else {
                            env.add(variable(variable));
                        }
                    }
                    case REPLACE -> {
                        if (at >= 0) {
                            env.set(at, variable(variable));
                        }
                    }
                    case REMOVE -> {
                        if (at >= 0) {
                            env.remove(at);
                        }
                    }
                }
            }
            if (env.isEmpty()) {
                container.remove("env");
            } else {
                container.set("env", env);
            }
        }
    }

    private static int indexOf(ArrayNode env, String name) {
        for (int i = 0; i < env.size(); i++) {
            if (name != null && name.equals(env.get(i).path("name").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode variable(EnvValue variable) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("name", variable.name());
        if (variable.value() != null) {
            node.put("value", variable.value());
        }
        return node;
    }

    private static void metadataMap(ObjectNode manifest, String field, LabelAnnotationOverrider overrider)
            throws OverrideException {
        if (overrider.operator() == null) {
            throw new OverrideException("the operator is required");
        }
        JsonNode metadataNode = manifest.get("metadata");
        if (metadataNode != null && !metadataNode.isObject()) {
            throw new OverrideException("the object's metadata is not an object");
        }
        ObjectNode metadata = metadataNode == null ? manifest.putObject("metadata") : (ObjectNode) metadataNode;
        JsonNode existing = metadata.get(field);
        if (existing != null && !existing.isObject() && !existing.isNull()) {
            throw new OverrideException("metadata." + field + " is not a map");
        }
        ObjectNode map = existing instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> entry : overrider.value().entrySet()) {
            switch (overrider.operator()) {
                case ADD -> map.put(entry.getKey(), entry.getValue());
                case REPLACE -> {
                    if (map.has(entry.getKey())) {
                        map.put(entry.getKey(), entry.getValue());
                    }
                }
                case REMOVE -> map.remove(entry.getKey());
            }
        }
        if (map.isEmpty()) {
            metadata.remove(field);
        } else {
            metadata.set(field, map);
        }
    }

    private static void run(String overrider, Step step) throws RuleFailure {
        try {
            step.run();
        } catch (OverrideException e) {
            throw new RuleFailure(overrider, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws OverrideException;
    }

    /** The failure of one overrider, which fails its whole rule. */
    private static final class RuleFailure extends Exception {
        final String overrider;

        RuleFailure(String overrider, String message) {
            super(message, null, false, false);
            this.overrider = overrider;
        }
    }
}
