package io.meridian.fedctl.connect;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.fedctl.UserError;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns fabric8 failures into one line a person can act on: what could not be done, why, and what
 * to try. The API's own {@code Status} message is kept, since it names the object and the field.
 */
public final class ApiErrors {

    private ApiErrors() {}

    /**
     * Why {@code error} never got an answer from a server (connection refused, unknown host...), or
     * empty if it got one.
     */
    public static Optional<String> unreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return Optional.of("the connection timed out");
            }
            if (t instanceof ConnectException || t instanceof ClosedChannelException) {
                return Optional.of("connection refused");
            }
            if (t instanceof UnknownHostException u) {
                return Optional.of("unknown host " + u.getMessage());
            }
            if (t instanceof NoRouteToHostException) {
                return Optional.of("no route to host");
            }
            if (t instanceof SSLException s) {
                return Optional.of("TLS failed (" + s.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code error} is a request that got no answer in time. */
    public static boolean timedOut(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The error as one line about {@code server}, a phrase such as {@code the federation API at
     * http://127.0.0.1:16443 (context meridian)}.
     */
    public static UserError translate(KubernetesClientException e, String server) {
        UserError error = oneLine(e, server);
        error.initCause(e);
        return error;
    }

    private static UserError oneLine(KubernetesClientException e, String server) {
        Optional<String> unreachable = unreachable(e);
        if (unreachable.isPresent()) {
            return new UserError("cannot reach " + server + ": " + unreachable.get()
                    + "; is it running? ('fedctl sandbox status' checks the local sandbox)"
                    + " Choose another with --kubeconfig or --context");
        }
        if (timedOut(e)) {
            return new UserError(server + " did not answer in time; retry, or allow longer with --request-timeout");
        }
        String message = message(e);
        return switch (e.getCode()) {
            case 401 ->
                new UserError(server + " refused the credentials (401 Unauthorized); check the user of the"
                        + " context in your kubeconfig");
            case 403 -> new UserError("forbidden by " + server + ": " + message);
            case 429, 500, 502, 503, 504 ->
                new UserError(server + " failed (HTTP " + e.getCode() + "): " + message
                        + "; retry shortly — if it persists, check its etcd ring ('fedctl sandbox status')");
            default -> new UserError(message);
        };
    }

    /** The server's own message when it sent a Status, else fabric8's first line. */
    public static String message(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null
                && status.getMessage() != null
                && !status.getMessage().isBlank()) {
            return status.getMessage();
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
