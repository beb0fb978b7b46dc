/**
 * Types shared by every meridian.io kind: conditions, label selectors, taints and tolerations, in
 * the shapes Kubernetes uses for them, and the serialization rules of the API ({@link
 * io.meridian.api.model.meta.ApiType}).
 *
 * <p>Every field carries a {@code @JsonPropertyDescription}: the CRD generator turns it into the
 * schema's {@code description}, which {@code kubectl explain} shows. (Javadoc is not visible to the
 * generator, so the description is the field's documentation.)
 */
package io.meridian.api.model.meta;
