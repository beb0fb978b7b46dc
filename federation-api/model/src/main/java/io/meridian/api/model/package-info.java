/**
 * The meridian.io/v1alpha1 API: one subpackage per area ({@code cluster}, {@code policy}, {@code
 * override}, {@code work}, {@code dns}, {@code drill}), shared types in {@code meta}, conventions in
 * {@code names}, and {@link io.meridian.api.model.MeridianKinds} listing every kind with its CRD.
 *
 * <p>Kinds are fabric8 {@code CustomResource}s; their specs and statuses are immutable records
 * whose collections are never null. The CRDs, with the OpenAPI schemas the API server validates
 * against, are generated from these types at build time into {@code META-INF/fabric8/}.
 */
package io.meridian.api.model;
