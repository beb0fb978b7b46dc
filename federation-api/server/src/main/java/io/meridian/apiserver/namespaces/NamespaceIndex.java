package io.meridian.apiserver.namespaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.ListOptions;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.watch.WatchCache;
import io.meridian.apiserver.watch.WatchEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which namespaces exist and which are terminating, kept from the namespace watch cache so that a
 * create does not cost an extra etcd read. A namespace the index does not know yet (created a
 * moment ago through another API server) is looked up in etcd before the create is refused.
 */
public final class NamespaceIndex {

    private final ObjectStore objects;
    private final ResourceType namespaces;
    private final Map<String, Boolean> terminating = new ConcurrentHashMap<>();

    public NamespaceIndex(ObjectStore objects, ResourceType namespaces) {
        this.objects = objects;
        this.namespaces = namespaces;
    }

    /** Loads the namespaces and follows the cache from the load's revision on. */
    public void start(WatchCache cache) {
        ObjectNode list = objects.list(namespaces, null, ListOptions.ALL);
        for (JsonNode item : list.path("items")) {
            terminating.put(Meta.name((ObjectNode) item), Meta.deleting((ObjectNode) item));
        }
        long revision =
                Long.parseLong(list.path("metadata").path("resourceVersion").asText());
        cache.addListener(revision, this::onEvent);
    }

    private void onEvent(WatchEvent e) {
        String name = Meta.name(e.object());
        if (e.type() == WatchEvent.Type.DELETED) {
            terminating.remove(name);
        } else {
            terminating.put(name, Meta.deleting(e.object()));
        }
    }

    /**
     * Whether new objects may be created in {@code namespace}.
     *
     * @throws ApiException 403 when it is terminating
     */
    public boolean admits(String namespace) {
        Boolean t = terminating.get(namespace);
        if (t == null) {
            Optional<ObjectNode> ns = objects.find(namespaces, null, namespace);
            if (ns.isEmpty()) {
                return false;
            }
            t = Meta.deleting(ns.get());
        }
        if (t) {
            throw ApiException.forbidden(
                    "unable to create new content in namespace " + namespace + " because it is being terminated");
        }
        return true;
    }

    public boolean isTerminating(String namespace) {
        return Boolean.TRUE.equals(terminating.get(namespace));
    }
}
