package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.SchemaMerge;
import io.meridian.api.model.meta.SchemaPatches;
import java.util.ArrayList;
import java.util.List;

/** The objects a Work applies to its cluster. */
@ApiType
public record WorkloadTemplate(
        @JsonPropertyDescription("Whole Kubernetes objects, after overrides, in the order they are applied.")
        @SchemaFrom(type = ManifestList.class)
        List<GenericKubernetesResource> manifests) {

    public WorkloadTemplate {
        manifests = ApiValues.list(manifests);
    }

    /** The template of these objects. */
    public static WorkloadTemplate of(GenericKubernetesResource... manifests) {
        return new WorkloadTemplate(List.of(manifests));
    }

    /*
     * Schema stand-ins. The generator marks a GenericKubernetesResource x-kubernetes-embedded-resource
     * but does not preserve its unknown fields, which would leave only apiVersion, kind and metadata of
     * every manifest; a list of these classes produces items with both extensions.
     */

    @SchemaCustomizer(value = SchemaMerge.class, input = SchemaPatches.EMBEDDED_RESOURCE)
    static final class ManifestSchema {
        private ManifestSchema() {}
    }

    static final class ManifestList extends ArrayList<ManifestSchema> {
        private ManifestList() {}
    }
}
