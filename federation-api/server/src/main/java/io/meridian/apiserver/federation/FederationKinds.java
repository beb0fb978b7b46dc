package io.meridian.apiserver.federation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.MeridianKind;
import io.meridian.api.model.MeridianKinds;
import io.meridian.apiserver.crd.CustomResourceTypes;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.resource.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The meridian.io kinds, served by a federation API server as built-in kinds: they come from the
 * CRDs generated from the model's Java types, so the schema the server validates against is
 * exactly what the model declares, and they cannot be deleted like a user's CRD.
 */
public final class FederationKinds {

    private FederationKinds() {}

    public static void register(ResourceRegistry registry, CustomResourceTypes types) {
        for (MeridianKind kind : MeridianKinds.all()) {
            ObjectNode crd = read(kind);
            registry.register(
                    "meridian:" + kind.crdName(), types.register(crd), CustomResourceTypes.storageVersion(crd));
        }
    }

    private static ObjectNode read(MeridianKind kind) {
        try (InputStream in = kind.openCrd()) {
            return (ObjectNode) Json.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRD of " + kind.kind(), e);
        }
    }
}
