package io.meridian.apiserver.endpoints;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one place in the request path where authentication and authorization plug in. It runs
 * before any handler, with the parsed request; refusing means throwing an ApiException (401/403).
 */
@FunctionalInterface
public interface RequestAuthorizer {

    /**
     * @param request the HTTP request (headers, client certificate)
     * @param info the parsed resource request, or null for non-resource paths
     * @param verb {@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code patch},
     *     {@code delete}, {@code deletecollection}
     */
    void authorize(HttpServletRequest request, RequestInfo info, String verb);

    /** Until authentication arrives the server listens on loopback and lets every caller through. */
    RequestAuthorizer ALLOW_ALL = (request, info, verb) -> {};
}
