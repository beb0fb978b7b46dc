package io.meridian.fedctl.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.meridian.fedctl.UserError;
import io.meridian.fedctl.connect.ApiErrors;
import java.util.Objects;

/** Writes objects to the federation API with server-side apply, as {@code kubectl apply --server-side} does. */
final class Applier {

    /** fedctl's field manager: what it applies, it owns. */
    static final String FIELD_MANAGER = "fedctl";

    /**
     * One object written.
     *
     * @param action {@code created}, {@code configured} or {@code unchanged}
     * @param result the object as the API stored it
     */
    record Applied(Planner.Resolved object, String action, GenericKubernetesResource result) {}

    private Applier() {}

    /**
     * Applies {@code r}; conflicts with other field managers are overridden, as the manifests are the
     * truth. A refusal is a {@link UserError} naming the file and the object; failures to reach the
     * API are left to the caller.
     */
    static Applied apply(KubernetesClient client, Planner.Resolved r) {
        Manifest m = r.manifest();
        GenericKubernetesResource object = m.object();
        object.getMetadata().setResourceVersion(null);
        object.getMetadata().setUid(null);
        object.getMetadata().setManagedFields(null);
        NonNamespaceOperation<
                        GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
                resources = m.namespace() == null
                        ? client.genericKubernetesResources(r.kind().context())
                        : client.genericKubernetesResources(r.kind().context()).inNamespace(m.namespace());
        try {
            GenericKubernetesResource before = resources.withName(m.name()).get();
            GenericKubernetesResource after = resources
                    .resource(object)
                    .fieldManager(FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply();
            String action;
            if (before == null) {
                action = "created";
            } else if (Objects.equals(
                    before.getMetadata().getResourceVersion(),
                    after.getMetadata().getResourceVersion())) {
                action = "unchanged";
            } else {
                action = "configured";
            }
            return new Applied(r, action, after);
        } catch (KubernetesClientException e) {
            if (ApiErrors.unreachable(e).isPresent()
                    || ApiErrors.timedOut(e)
                    || e.getCode() >= 500
                    || e.getCode() == 401) {
                throw e;
            }
            String why = ApiErrors.message(e);
            if (e.getCode() == 404 && m.namespace() != null && why.startsWith("namespaces \"")) {
                why += "; add the Namespace to the files, or create it first (kubectl create namespace " + m.namespace()
                        + ")";
            }
            UserError error = new UserError(m.source() + ": " + m.describe() + " was refused: " + why);
            error.initCause(e);
            throw error;
        }
    }
}
