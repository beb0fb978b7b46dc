package io.meridian.controller.federated;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.meridian.api.model.work.ResourceReference;
import java.util.Objects;

/**
 * A kind of federated object, by its {@code apiVersion} and {@code kind}, as policies' resource
 * selectors and bindings' resource references name it.
 *
 * @param apiVersion such as {@code apps/v1} or {@code v1}
 * @param kind such as {@code Deployment}
 */
public record FederatedKind(String apiVersion, String kind) {

    public static final FederatedKind CONFIG_MAP = new FederatedKind("v1", "ConfigMap");
    public static final FederatedKind SECRET = new FederatedKind("v1", "Secret");
    public static final FederatedKind SERVICE_ACCOUNT = new FederatedKind("v1", "ServiceAccount");
    public static final FederatedKind PERSISTENT_VOLUME_CLAIM = new FederatedKind("v1", "PersistentVolumeClaim");

    public FederatedKind {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
    }

    public static FederatedKind of(HasMetadata object) {
        return new FederatedKind(object.getApiVersion(), object.getKind());
    }

    public static FederatedKind of(ResourceReference reference) {
        return new FederatedKind(reference.apiVersion(), reference.kind());
    }

    /** The API group; empty for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    @Override
    public String toString() {
        return kind + "." + apiVersion;
    }
}
