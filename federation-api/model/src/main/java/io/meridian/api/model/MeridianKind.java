package io.meridian.api.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.InputStream;
import java.net.URL;
import java.util.List;

/**
 * One meridian.io kind: its names, scope, Java type and the CustomResourceDefinition generated for
 * it.
 *
 * @param kind the kind, such as {@code PropagationPolicy}
 * @param plural the resource name in URLs, such as {@code propagationpolicies}
 * @param singular such as {@code propagationpolicy}
 * @param shortNames such as {@code [pp]}
 * @param namespaced whether objects of the kind live in a namespace
 * @param type the Java type
 * @param crdResource the classpath resource holding the kind's CRD (apiextensions.k8s.io/v1, YAML)
 */
public record MeridianKind(
        String kind,
        String plural,
        String singular,
        List<String> shortNames,
        boolean namespaced,
        Class<? extends CustomResource<?, ?>> type,
        String crdResource) {

    public MeridianKind {
        shortNames = List.copyOf(shortNames);
    }

    /** The kind described by {@code type}'s annotations. */
    public static MeridianKind of(Class<? extends CustomResource<?, ?>> type) {
        String plural = HasMetadata.getPlural(type);
        return new MeridianKind(
                HasMetadata.getKind(type),
                plural,
                HasMetadata.getSingular(type),
                List.of(CustomResource.getShortNames(type)),
                Namespaced.class.isAssignableFrom(type),
                type,
                "META-INF/fabric8/" + plural + "." + MeridianApi.GROUP + "-v1.yml");
    }

    /** {@code meridian.io}. */
    public String group() {
        return MeridianApi.GROUP;
    }

    /** {@code v1alpha1}. */
    public String version() {
        return MeridianApi.VERSION;
    }

    /** {@code meridian.io/v1alpha1}. */
    public String apiVersion() {
        return MeridianApi.API_VERSION;
    }

    /** The name of the CRD, such as {@code propagationpolicies.meridian.io}. */
    public String crdName() {
        return plural + "." + MeridianApi.GROUP;
    }

    /** Where the CRD is on the classpath. */
    public URL crdUrl() {
        URL url = MeridianKind.class.getClassLoader().getResource(crdResource);
        if (url == null) {
            throw new IllegalStateException("CRD " + crdResource
                    + " is missing from the classpath: was meridian-model built with its CRD generator?");
        }
        return url;
    }

    /** Opens the CRD's YAML; the caller closes the stream. */
    public InputStream openCrd() {
        InputStream in = MeridianKind.class.getClassLoader().getResourceAsStream(crdResource);
        if (in == null) {
            crdUrl(); // throws with the explanation
        }
        return in;
    }
}
