package io.meridian.apiserver.config;

import io.meridian.apiserver.storage.Store;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code /version}, {@code /healthz}, {@code /livez} and {@code /readyz}, answered as
 * kube-apiserver answers them (plain "ok", or the failing checks with {@code ?verbose}).
 */
final class SystemServlet extends HttpServlet {

    /** The Kubernetes API level the server follows; kubectl compares it with its own. */
    static final String KUBE_MAJOR = "1";

    static final String KUBE_MINOR = "32";

    private final Store store;
    private final BooleanSupplier started;
    private final String version;

    SystemServlet(Store store, BooleanSupplier started, String version) {
        this.store = store;
        this.started = started;
        this.version = version;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        switch (path) {
            case "/version", "/version/" ->
                json(resp, """
                    {"major":"%s","minor":"%s","gitVersion":"v%s.%s.0-meridian-%s","gitCommit":"","gitTreeState":"clean",\
                    "buildDate":"","goVersion":"java%s","compiler":"javac","platform":"%s/%s"}""".formatted(
                                KUBE_MAJOR,
                                KUBE_MINOR,
                                KUBE_MAJOR,
                                KUBE_MINOR,
                                version,
                                Runtime.version().feature(),
                                System.getProperty("os.name").toLowerCase(),
                                System.getProperty("os.arch")));
            case "/livez" -> text(resp, 200, verbose(req, "[+]ping ok\n", true));
            case "/healthz", "/readyz" -> {
                boolean etcd = etcdOk();
                boolean ready = !path.equals("/readyz") || started.getAsBoolean();
                StringBuilder sb = new StringBuilder("[+]ping ok\n");
                sb.append(etcd ? "[+]etcd ok\n" : "[-]etcd failed: reason withheld\n");
                if (path.equals("/readyz")) {
                    sb.append(ready ? "[+]informer-sync ok\n" : "[-]informer-sync failed: not started\n");
                }
                boolean ok = etcd && ready;
                text(resp, ok ? 200 : 500, verbose(req, sb.toString(), ok));
            }
            default -> resp.sendError(404);
        }
    }

    private boolean etcdOk() {
        try {
            store.currentRevision();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String verbose(HttpServletRequest req, String checks, boolean ok) {
        boolean verbose = req.getParameter("verbose") != null;
        if (ok) {
            return verbose ? checks + req.getRequestURI().substring(1) + " check passed\n" : "ok";
        }
        return checks + req.getRequestURI().substring(1) + " check failed\n";
    }

    private static void json(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("application/json");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void text(HttpServletResponse resp, int code, String body) throws IOException {
        resp.setStatus(code);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
