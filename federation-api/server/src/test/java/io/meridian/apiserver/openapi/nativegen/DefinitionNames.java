package io.meridian.apiserver.openapi.nativegen;

import java.util.Set;

/**
 * Maps fabric8 model classes to the definition names kube-apiserver uses in its OpenAPI documents.
 * fabric8 keeps the upstream type names but flattens core and apimachinery's meta types into one
 * package, so the meta types are recognised by name.
 */
final class DefinitionNames {

    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    static final String CORE = "io.k8s.api.core.v1.";
    static final String APIEXTENSIONS = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.";

    static final String TIME = META + "Time";
    static final String MICRO_TIME = META + "MicroTime";
    static final String DURATION = META + "Duration";
    static final String FIELDS_V1 = META + "FieldsV1";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
    static final String JSON = APIEXTENSIONS + "JSON";

    private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";

    /** Types of k8s.io/apimachinery/pkg/apis/meta/v1 that fabric8 keeps beside the core types. */
    private static final Set<String> META_TYPES = Set.of(
            "APIGroup",
            "APIGroupList",
            "APIResource",
            "APIResourceList",
            "APIVersions",
            "Condition",
            "CreateOptions",
            "DeleteOptions",
            "Duration",
            "FieldsV1",
            "GetOptions",
            "GroupKind",
            "GroupVersionForDiscovery",
            "GroupVersionKind",
            "GroupVersionResource",
            "LabelSelector",
            "LabelSelectorRequirement",
            "ListMeta",
            "ListOptions",
            "ManagedFieldsEntry",
            "MicroTime",
            "ObjectMeta",
            "OwnerReference",
            "Patch",
            "PatchOptions",
            "Preconditions",
            "RootPaths",
            "ServerAddressByClientCIDR",
            "Status",
            "StatusCause",
            "StatusDetails",
            "Time",
            "TypeMeta",
            "UpdateOptions",
            "WatchEvent");

    private DefinitionNames() {}

    /** The kube definition name of a fabric8 model class, or null when the class is not a model type. */
    static String of(Class<?> type) {
        String pkg = type.getPackageName();
        String name = type.getSimpleName();
        if (pkg.equals(FABRIC8)) {
            if (name.equals("IntOrString")) {
                return INT_OR_STRING;
            }
            if (name.equals("Quantity")) {
                return QUANTITY;
            }
            return (META_TYPES.contains(name) ? META : CORE) + name;
        }
        if (pkg.equals(FABRIC8 + ".runtime")) {
            return "io.k8s.apimachinery.pkg.runtime." + name;
        }
        if (pkg.equals(FABRIC8 + ".apps")) {
            return "io.k8s.api.apps.v1." + name;
        }
        if (pkg.equals(FABRIC8 + ".apiextensions.v1")) {
            return APIEXTENSIONS + name;
        }
        if (pkg.startsWith(FABRIC8 + ".")) {
            // io.fabric8.kubernetes.api.model.<group>.<version> -> io.k8s.api.<group>.<version>
            return "io.k8s.api." + pkg.substring(FABRIC8.length() + 1) + "." + name;
        }
        return null;
    }

    /** The short name kube-apiserver would give the type: the part after the last dot. */
    static String simpleName(String definition) {
        return definition.substring(definition.lastIndexOf('.') + 1);
    }

    /** The package part of a definition name, for example {@code io.k8s.api.apps.v1}. */
    static String packageOf(String definition) {
        return definition.substring(0, definition.lastIndexOf('.'));
    }
}
