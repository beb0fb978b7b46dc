package io.meridian.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.KindStrategy;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.StatusCause;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CustomResourceDefinitions: validated names and versions, the cleanup finalizer that removes
 * every custom resource before the definition goes, and a status that reports the names accepted
 * and the definition established at once (this server serves a new kind as soon as it is stored).
 */
public final class CrdStrategy implements KindStrategy {

    public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    private final Clock clock;
    private final ResourceRegistry registry;

    public CrdStrategy(Clock clock, ResourceRegistry registry) {
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public void prepareForCreate(ResourceType type, ObjectNode obj) {
        ArrayNode finalizers = obj.with("metadata").withArray("finalizers");
        boolean present = false;
        for (JsonNode f : finalizers) {
            present |= f.asText().equals(CLEANUP_FINALIZER);
        }
        if (!present) {
            finalizers.add(CLEANUP_FINALIZER);
        }
        setStatus(obj, null);
    }

    @Override
    public void prepareForUpdate(ResourceType type, ObjectNode obj, ObjectNode old) {
        setStatus(obj, old);
    }

    private void setStatus(ObjectNode obj, ObjectNode old) {
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode status = obj.putObject("status");
        ObjectNode names = obj.path("spec").path("names").deepCopy();
        if (!names.has("singular")) {
            names.put("singular", names.path("kind").asText().toLowerCase());
        }
        if (!names.has("listKind")) {
            names.put("listKind", names.path("kind").asText() + "List");
        }
        status.set("acceptedNames", names);
        ArrayNode conditions = status.putArray("conditions");
        for (String type : List.of("NamesAccepted", "Established")) {
            ObjectNode c = conditions.addObject();
            c.put("type", type);
            c.put("status", "True");
            c.put("lastTransitionTime", previousTransition(old, type, now));
            c.put("reason", type.equals("NamesAccepted") ? "NoConflicts" : "InitialNamesAccepted");
            c.put(
                    "message",
                    type.equals("NamesAccepted") ? "no conflicts found" : "the initial names have been accepted");
        }
        if (obj.path("metadata").has("deletionTimestamp")) {
            ObjectNode c = conditions.addObject();
            c.put("type", "Terminating");
            c.put("status", "True");
            c.put("lastTransitionTime", now);
            c.put("reason", "InstanceDeletionInProgress");
            c.put("message", "CustomResource deletion is in progress");
        }
        Set<String> stored = new LinkedHashSet<>();
        if (old != null) {
            old.path("status").path("storedVersions").forEach(v -> stored.add(v.asText()));
        }
        stored.add(CustomResourceTypes.storageVersion(obj));
        ArrayNode sv = status.putArray("storedVersions");
        stored.forEach(sv::add);
    }

    private static String previousTransition(ObjectNode old, String type, String now) {
        if (old != null) {
            for (JsonNode c : old.path("status").path("conditions")) {
                if (type.equals(c.path("type").asText())
                        && "True".equals(c.path("status").asText())) {
                    return c.path("lastTransitionTime").asText(now);
                }
            }
        }
        return now;
    }

    @Override
    public List<StatusCause> validate(ResourceType type, ObjectNode obj, ObjectNode old) {
        List<StatusCause> causes = new ArrayList<>();
        JsonNode spec = obj.path("spec");
        String group = spec.path("group").asText("");
        JsonNode names = spec.path("names");
        String plural = names.path("plural").asText("");
        String kind = names.path("kind").asText("");
        if (group.isEmpty()) {
            causes.add(StatusCause.required("spec.group"));
        } else if (!group.contains(".")) {
            causes.add(StatusCause.invalid("spec.group", group, "should be a domain with at least one dot"));
        }
        if (plural.isEmpty()) {
            causes.add(StatusCause.required("spec.names.plural"));
        } else if (!plural.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            causes.add(StatusCause.invalid(
                    "spec.names.plural",
                    plural,
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'"));
        }
        if (kind.isEmpty()) {
            causes.add(StatusCause.required("spec.names.kind"));
        }
        String name = obj.path("metadata").path("name").asText("");
        if (!plural.isEmpty() && !group.isEmpty() && !name.equals(plural + "." + group)) {
            causes.add(StatusCause.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }
        String scope = spec.path("scope").asText("");
        if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
            causes.add(StatusCause.notSupported("spec.scope", scope, List.of("Cluster", "Namespaced")));
        }
        JsonNode versions = spec.path("versions");
        if (!versions.isArray() || versions.isEmpty()) {
            causes.add(StatusCause.invalid(
                    "spec.versions", "[]", "must have exactly one version marked as storage version"));
        } else {
            int storage = 0;
            for (int i = 0; i < versions.size(); i++) {
                JsonNode v = versions.get(i);
                if (v.path("storage").asBoolean(false)) {
                    storage++;
                }
                if (!v.path("name").asText("").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                    causes.add(StatusCause.invalid(
                            "spec.versions[" + i + "].name", v.path("name").asText(""), "must be a DNS-1035 label"));
                }
            }
            if (storage != 1) {
                causes.add(StatusCause.invalid(
                        "spec.versions",
                        storage + " storage versions",
                        "must have exactly one version marked as storage version"));
            }
        }
        if (old != null) {
            if (!group.equals(old.path("spec").path("group").asText())) {
                causes.add(StatusCause.invalid("spec.group", group, "field is immutable"));
            }
            if (!scope.equals(old.path("spec").path("scope").asText())) {
                causes.add(StatusCause.invalid("spec.scope", scope, "field is immutable"));
            }
        } else if (!group.isEmpty() && !plural.isEmpty()) {
            for (JsonNode v : versions) {
                var existing = registry.find(group, v.path("name").asText(), plural);
                if (existing.isPresent()
                        && registry.entries().stream()
                                .anyMatch(e ->
                                        e.type() == existing.get() && e.owner().startsWith("builtin"))) {
                    causes.add(StatusCause.invalid(
                            "spec.names.plural",
                            plural,
                            "the resource " + plural + "." + group + " is built into this server"));
                    break;
                }
            }
        }
        return causes;
    }
}
