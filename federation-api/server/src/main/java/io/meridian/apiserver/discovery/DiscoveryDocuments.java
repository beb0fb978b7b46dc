package io.meridian.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents kubectl and client libraries read to learn what the server serves:
 * {@code /api}, {@code /apis}, {@code /apis/<group>} and each group-version's resource list.
 */
public final class DiscoveryDocuments {

    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private final ResourceRegistry registry;

    public DiscoveryDocuments(ResourceRegistry registry) {
        this.registry = registry;
    }

    /** {@code /api}. */
    public ObjectNode coreVersions(String serverAddress) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("kind", "APIVersions");
        ArrayNode versions = doc.putArray("versions");
        registry.groups().getOrDefault("", List.of()).forEach(versions::add);
        ObjectNode address = doc.putArray("serverAddressByClientCIDRs").addObject();
        address.put("clientCIDR", "0.0.0.0/0");
        address.put("serverAddress", serverAddress);
        return doc;
    }

    /** {@code /apis}. */
    public ObjectNode groupList() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("kind", "APIGroupList");
        doc.put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        for (Map.Entry<String, List<String>> e : registry.groups().entrySet()) {
            if (!e.getKey().isEmpty()) {
                groups.add(group(e.getKey(), e.getValue()));
            }
        }
        return doc;
    }

    /** {@code /apis/<group>}, or empty when the group is not served. */
    public Optional<ObjectNode> group(String name) {
        List<String> versions = registry.groups().get(name);
        if (versions == null || name.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = group(name, versions);
        doc.put("kind", "APIGroup");
        doc.put("apiVersion", "v1");
        return Optional.of(doc);
    }

    private static ObjectNode group(String name, List<String> versions) {
        ObjectNode g = Json.MAPPER.createObjectNode();
        g.put("name", name);
        ArrayNode list = g.putArray("versions");
        for (String v : versions) {
            ObjectNode gv = list.addObject();
            gv.put("groupVersion", name + "/" + v);
            gv.put("version", v);
        }
        ObjectNode preferred = g.putObject("preferredVersion");
        preferred.put("groupVersion", name + "/" + versions.get(0));
        preferred.put("version", versions.get(0));
        return g;
    }

    /** A group-version's {@code APIResourceList}, or empty when it is not served. */
    public Optional<ObjectNode> resources(String group, String version) {
        List<ResourceType> types = registry.all().stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version))
                .sorted(Comparator.comparing(ResourceType::plural))
                .toList();
        if (types.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("kind", "APIResourceList");
        doc.put("apiVersion", "v1");
        doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = doc.putArray("resources");
        for (ResourceType t : types) {
            ObjectNode r = resources.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            VERBS.forEach(verbs::add);
            if (!t.shortNames().isEmpty()) {
                ArrayNode sn = r.putArray("shortNames");
                t.shortNames().forEach(sn::add);
            }
            if (!t.categories().isEmpty()) {
                ArrayNode c = r.putArray("categories");
                t.categories().forEach(c::add);
            }
            if (t.statusSubresource()) {
                ObjectNode s = resources.addObject();
                s.put("name", t.plural() + "/status");
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                s.put("kind", t.kind());
                s.putArray("verbs").add("get").add("patch").add("update");
            }
            if (t.scale() != null) {
                ObjectNode s = resources.addObject();
                s.put("name", t.plural() + "/scale");
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                s.put("group", "autoscaling");
                s.put("version", "v1");
                s.put("kind", "Scale");
                s.putArray("verbs").add("get").add("patch").add("update");
            }
            if (t.group().isEmpty() && t.kind().equals("Namespace")) {
                ObjectNode s = resources.addObject();
                s.put("name", "namespaces/finalize");
                s.put("singularName", "");
                s.put("namespaced", false);
                s.put("kind", "Namespace");
                s.putArray("verbs").add("update");
            }
        }
        return Optional.of(doc);
    }
}
