package io.meridian.membersync.apply;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.meridian.membersync.resilience.MemberGuard;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The REST resource of each kind a member serves: its plural name and whether it is namespaced.
 * Native kinds are known from the client's model classes without asking; other kinds (custom
 * resources) are looked up in the member's discovery documents, through its guard, and remembered
 * for the life of the syncer.
 */
public final class ResourceTypes {

    /**
     * @param apiVersion the apiVersion objects are read and written in
     * @param kind the kind
     * @param plural the resource name in URLs, such as {@code deployments}
     * @param namespaced whether objects live in namespaces
     */
    public record ResourceType(String apiVersion, String kind, String plural, boolean namespaced) {

        /** The fabric8 description of this resource, for generic operations. */
        public ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder()
                    .withGroup(ObjectRef.groupOf(apiVersion))
                    .withVersion(ObjectRef.versionOf(apiVersion))
                    .withKind(kind)
                    .withPlural(plural)
                    .withNamespaced(namespaced)
                    .build();
        }
    }

    /** The member does not serve a kind a manifest asks for. */
    public static final class UnknownKindException extends RuntimeException {
        public UnknownKindException(String apiVersion, String kind) {
            super("the member cluster does not serve kind " + kind + " in " + apiVersion);
        }
    }

    private final KubernetesClient member;
    private final MemberGuard guard;
    private final Map<String, ResourceType> known = new ConcurrentHashMap<>();

    public ResourceTypes(KubernetesClient member, MemberGuard guard) {
        this.member = member;
        this.guard = guard;
    }

    /**
     * The resource of {@code kind} in {@code apiVersion}.
     *
     * @throws UnknownKindException when the member does not serve it
     * @throws io.meridian.membersync.resilience.MemberUnavailableException when discovery could not
     *     ask the member
     */
    public ResourceType resolve(String apiVersion, String kind) {
        String key = apiVersion + "/" + kind;
        ResourceType cached = known.get(key);
        if (cached != null) {
            return cached;
        }
        ResourceType type = builtIn(apiVersion, kind);
        if (type == null) {
            type = discover(apiVersion, kind);
        }
        known.put(key, type);
        return type;
    }

    /** The resource of the kind if it is known without asking the member (native, or resolved before). */
    public Optional<ResourceType> known(String apiVersion, String kind) {
        ResourceType cached = known.get(apiVersion + "/" + kind);
        return Optional.ofNullable(cached != null ? cached : builtIn(apiVersion, kind));
    }

    /**
     * {@code ref} with the namespace the member gives it: {@code default} for a namespaced object
     * whose manifest names none, none for a cluster-scoped one. Unchanged when the kind is not known
     * yet.
     */
    public ObjectRef normalize(String apiVersion, ObjectRef ref) {
        return known(apiVersion, ref.kind()).map(t -> normalize(t, ref)).orElse(ref);
    }

    /** {@code ref} with the namespace the member gives it, for a resource of {@code type}. */
    public static ObjectRef normalize(ResourceType type, ObjectRef ref) {
        if (!type.namespaced()) {
            return ref.namespace() == null ? ref : ref.withNamespace(null);
        }
        return ref.namespace() == null ? ref.withNamespace("default") : ref;
    }

    private ResourceType builtIn(String apiVersion, String kind) {
        Class<? extends KubernetesResource> type =
                member.getKubernetesSerialization().getRegisteredKubernetesResource(apiVersion, kind);
        if (type == null) {
            return null;
        }
        ResourceDefinitionContext context = ResourceDefinitionContext.fromResourceType(type);
        return new ResourceType(apiVersion, kind, context.getPlural(), context.isNamespaceScoped());
    }

    private ResourceType discover(String apiVersion, String kind) {
        APIResourceList resources = guard.call("discover " + apiVersion, () -> member.getApiResources(apiVersion));
        if (resources != null && resources.getResources() != null) {
            for (APIResource r : resources.getResources()) {
                // Subresources (deployments/scale) share the kind of another resource; skip them.
                if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
                    return new ResourceType(apiVersion, kind, r.getName(), Boolean.TRUE.equals(r.getNamespaced()));
                }
            }
        }
        throw new UnknownKindException(apiVersion, kind);
    }
}
