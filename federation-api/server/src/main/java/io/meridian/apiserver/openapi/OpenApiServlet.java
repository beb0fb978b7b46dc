package io.meridian.apiserver.openapi;

import io.meridian.apiserver.status.ApiException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /openapi/v3} and its group-version documents, with the hash-based caching headers
 * kube-apiserver uses. {@code /openapi/v2} exists only in kube's protobuf encoding, which kubectl
 * no longer needs once the v3 documents declare server-side field validation; it answers 404.
 */
public final class OpenApiServlet extends HttpServlet {

    private final OpenApiDocuments documents;

    public OpenApiServlet(OpenApiDocuments documents) {
        this.documents = documents;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
            write(resp, documents.root(), false);
            return;
        }
        if (path.startsWith("/openapi/v3/")) {
            String key = path.substring("/openapi/v3/".length());
            Optional<byte[]> doc = documents.document(key);
            if (doc.isPresent()) {
                String hash = req.getParameter("hash");
                boolean immutable =
                        hash != null && hash.equals(documents.hash(key).orElse(null));
                resp.setHeader("Etag", "\"" + documents.hash(key).orElse("") + "\"");
                write(resp, doc.get(), immutable);
                return;
            }
        }
        ApiException e = ApiException.notFound("the server could not find the requested resource");
        resp.setStatus(404);
        resp.setContentType("application/json");
        resp.getOutputStream().write(io.meridian.apiserver.resource.Json.bytes(e.toStatus()));
    }

    private static void write(HttpServletResponse resp, byte[] body, boolean immutable) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", immutable ? "public, immutable" : "no-cache, private");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
