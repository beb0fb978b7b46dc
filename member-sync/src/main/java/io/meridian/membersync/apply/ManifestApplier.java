package io.meridian.membersync.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.meridian.api.model.names.FieldManagers;
import io.meridian.api.model.names.MeridianAnnotations;
import io.meridian.api.model.policy.ApplyStrategy;
import io.meridian.api.model.policy.ConflictResolution;
import io.meridian.membersync.apply.ResourceTypes.ResourceType;
import io.meridian.membersync.interpreter.ResourceInterpreter;
import io.meridian.membersync.resilience.MemberGuard;
import io.meridian.reconciler.ObjectKey;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes manifests to one member cluster, every call through the member's guard.
 *
 * <p>Before writing, the member's copy is read. A copy that exists without {@code
 * meridian.io/managed-by=meridian} is not Meridian's: under Abort it is left alone and reported as
 * a conflict; under Overwrite it is taken over. Then:
 *
 * <ul>
 *   <li>ServerSideApply: a server-side apply with field manager {@code meridian}, forced only under
 *       Overwrite. A conflict on a copy that is already Meridian's means someone changed a field
 *       Meridian set (drift): the apply is repeated with force, since Meridian is the source of
 *       truth for the objects it manages. Fields the interpreter says the member owns are sent with
 *       the member's values, so they are never fought over.
 *   <li>Update: the manifest merged over the member's copy by the interpreter's {@code retain}
 *       (a Service's clusterIP, replicas under a local autoscaler...), written with the
 *       resourceVersion read; created when absent. A write that loses a race is retried.
 * </ul>
 *
 * <p>A manifest's {@code meridian.io/conflict-resolution} annotation overrides the Work's
 * resolution for that object. A namespace the member lacks is created (and never pruned: other
 * things may live in it).
 */
public final class ManifestApplier {

    private static final int UPDATE_ATTEMPTS = 3;

    private final KubernetesClient member;
    private final MemberGuard guard;
    private final ResourceInterpreter interpreter;
    private final ResourceTypes types;
    private final Set<String> knownNamespaces = ConcurrentHashMap.newKeySet();

    public ManifestApplier(
            KubernetesClient member, MemberGuard guard, ResourceInterpreter interpreter, ResourceTypes types) {
        this.member = member;
        this.guard = guard;
        this.interpreter = interpreter;
        this.types = types;
    }

    public ResourceTypes types() {
        return types;
    }

    /**
     * Writes one manifest.
     *
     * @throws io.meridian.membersync.resilience.MemberUnavailableException when the member does not
     *     answer; nothing is known about the object then
     */
    public ApplyOutcome apply(ApplyRequest request) {
        GenericKubernetesResource manifest = request.manifest();
        ResourceType type;
        try {
            type = types.resolve(manifest.getApiVersion(), manifest.getKind());
        } catch (ResourceTypes.UnknownKindException e) {
            return ApplyOutcome.failed(null, e.getMessage());
        }
        String namespace = namespaceOf(type, manifest);
        ConflictResolution resolution = resolutionOf(manifest, request.resolution());
        try {
            if (namespace != null) {
                ensureNamespace(namespace);
            }
            return request.strategy() == ApplyStrategy.UPDATE
                    ? update(type, namespace, request, resolution)
                    : serverSideApply(type, namespace, request, resolution);
        } catch (KubernetesClientException e) {
            return ApplyOutcome.failed(type, describe(e));
        }
    }

    /** The member's copy of {@code ref}, or null when there is none. */
    public GenericKubernetesResource get(ResourceType type, ObjectRef ref) {
        return guard.call(
                "get " + type.plural(),
                () -> op(type, namespaceOf(type, ref.namespace()))
                        .withName(ref.name())
                        .get());
    }

    /**
     * Deletes the member's copy of {@code ref} in the background (its dependents go after it).
     *
     * @return whether there was a copy to delete
     */
    public boolean delete(ResourceType type, ObjectRef ref) {
        return guard.call(
                "delete " + type.plural(),
                () -> !op(type, namespaceOf(type, ref.namespace()))
                        .withName(ref.name())
                        .delete()
                        .isEmpty());
    }

    private ApplyOutcome serverSideApply(
            ResourceType type, String namespace, ApplyRequest request, ConflictResolution resolution) {
        GenericKubernetesResource live = read(type, namespace, request.manifest());
        boolean ours = Ownership.isManaged(live);
        if (live != null && !ours && resolution == ConflictResolution.ABORT) {
            return ApplyOutcome.conflict(type, live, notOurs(type, request.manifest()));
        }
        GenericKubernetesResource body = desired(type, namespace, request, live);
        if (live != null) {
            body = stripServerFields(interpreter.retain(body, live));
        }
        boolean force = resolution == ConflictResolution.OVERWRITE;
        GenericKubernetesResource result;
        boolean forced = force && live != null;
        try {
            result = ssa(type, namespace, body, force);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || force) {
                throw e;
            }
            if (!ours) {
                // Created by someone else between the read and the apply.
                return ApplyOutcome.conflict(type, live, describe(e));
            }
            result = ssa(type, namespace, body, true);
            forced = true;
        }
        return ApplyOutcome.applied(type, live, result, changed(live, result), forced);
    }

    private GenericKubernetesResource ssa(
            ResourceType type, String namespace, GenericKubernetesResource body, boolean force) {
        PatchContext context = new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(FieldManagers.MERIDIAN)
                .withForce(force)
                .build();
        return guard.call(
                "apply " + type.plural(),
                () -> op(type, namespace).resource(body).patch(context));
    }

    private ApplyOutcome update(
            ResourceType type, String namespace, ApplyRequest request, ConflictResolution resolution) {
        KubernetesClientException lastConflict = null;
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            GenericKubernetesResource live = read(type, namespace, request.manifest());
            boolean ours = Ownership.isManaged(live);
            if (live != null && !ours && resolution == ConflictResolution.ABORT) {
                return ApplyOutcome.conflict(type, live, notOurs(type, request.manifest()));
            }
            GenericKubernetesResource body = desired(type, namespace, request, live);
            try {
                if (live == null) {
                    GenericKubernetesResource created = guard.call(
                            "create " + type.plural(),
                            () -> op(type, namespace).resource(body).create());
                    return ApplyOutcome.applied(type, null, created, true, false);
                }
                GenericKubernetesResource merged = interpreter.retain(body, live);
                GenericKubernetesResource updated = guard.call(
                        "update " + type.plural(),
                        () -> op(type, namespace).resource(merged).update());
                return ApplyOutcome.applied(type, live, updated, changed(live, updated), !ours);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // Stale resourceVersion, or created meanwhile: read again.
                lastConflict = e;
            }
        }
        return ApplyOutcome.failed(
                type, "the member's copy kept changing while it was updated: " + describe(lastConflict));
    }

    private GenericKubernetesResource read(ResourceType type, String namespace, GenericKubernetesResource manifest) {
        return guard.call(
                "get " + type.plural(),
                () -> op(type, namespace)
                        .withName(manifest.getMetadata().getName())
                        .get());
    }

    /** The manifest as it goes to the member: its namespace, the ownership labels, no server fields. */
    private GenericKubernetesResource desired(
            ResourceType type, String namespace, ApplyRequest request, GenericKubernetesResource live) {
        GenericKubernetesResource body =
                stripServerFields(member.getKubernetesSerialization().clone(request.manifest()));
        ObjectMeta meta = body.getMetadata();
        meta.setNamespace(namespace);
        ObjectKey owner = request.work();
        Optional<ObjectKey> current = Ownership.workOf(live);
        if (current.isPresent()
                && !current.get().equals(owner)
                && request.stillListedBy().test(current.get())) {
            owner = current.get();
        }
        Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        labels.putAll(Ownership.labels(owner));
        meta.setLabels(labels);
        Map<String, String> ownership = Ownership.annotations(owner);
        if (!ownership.isEmpty()) {
            Map<String, String> annotations =
                    new LinkedHashMap<>(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
            annotations.putAll(ownership);
            meta.setAnnotations(annotations);
        }
        return body;
    }

    private static GenericKubernetesResource stripServerFields(GenericKubernetesResource object) {
        ObjectMeta meta = object.getMetadata();
        if (meta != null) {
            meta.setResourceVersion(null);
            meta.setUid(null);
            meta.setCreationTimestamp(null);
            meta.setGeneration(null);
            meta.setManagedFields(null);
            meta.setSelfLink(null);
            meta.setDeletionTimestamp(null);
            meta.setDeletionGracePeriodSeconds(null);
        }
        object.getAdditionalProperties().remove("status");
        return object;
    }

    private void ensureNamespace(String namespace) {
        if (knownNamespaces.contains(namespace)) {
            return;
        }
        boolean exists = guard.call(
                "get namespace", () -> member.namespaces().withName(namespace).get() != null);
        if (!exists) {
            try {
                guard.run(
                        "create namespace",
                        () -> member.namespaces()
                                .resource(new NamespaceBuilder()
                                        .withNewMetadata()
                                        .withName(namespace)
                                        .endMetadata()
                                        .build())
                                .create());
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
        }
        knownNamespaces.add(namespace);
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            op(ResourceType type, String namespace) {
        var all = member.genericKubernetesResources(type.context());
        return namespace == null ? all : all.inNamespace(namespace);
    }

    private static String namespaceOf(ResourceType type, GenericKubernetesResource manifest) {
        return namespaceOf(type, manifest.getMetadata().getNamespace());
    }

    /** The namespace a namespaced object goes to (the member's default one when none is named); null otherwise. */
    private static String namespaceOf(ResourceType type, String namespace) {
        if (!type.namespaced()) {
            return null;
        }
        return namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    private static ConflictResolution resolutionOf(GenericKubernetesResource manifest, ConflictResolution fallback) {
        Map<String, String> annotations = manifest.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(MeridianAnnotations.CONFLICT_RESOLUTION);
        if ("Overwrite".equals(value)) {
            return ConflictResolution.OVERWRITE;
        }
        if ("Abort".equals(value)) {
            return ConflictResolution.ABORT;
        }
        return fallback == null ? ConflictResolution.ABORT : fallback;
    }

    /**
     * Whether the write changed the object. Where the kind counts generations, only a new generation
     * counts: the member's controllers move the resourceVersion with every status update, and one of
     * those may land between the read and the write.
     */
    private static boolean changed(GenericKubernetesResource before, GenericKubernetesResource after) {
        if (before == null) {
            return true;
        }
        if (after == null) {
            return true;
        }
        Long was = before.getMetadata().getGeneration();
        Long is = after.getMetadata().getGeneration();
        if (was != null && is != null) {
            return !was.equals(is);
        }
        return !Objects.equals(
                before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
    }

    private static String notOurs(ResourceType type, GenericKubernetesResource manifest) {
        return type.kind() + " " + manifest.getMetadata().getName()
                + " already exists in the member cluster and is not managed by Meridian"
                + " (conflictResolution is Abort)";
    }

    /** The member's own words for a refusal. */
    static String describe(KubernetesClientException e) {
        if (e == null) {
            return "";
        }
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }
}
