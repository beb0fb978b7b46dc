package io.meridian.fedctl.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.fedctl.UserError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    private static final String SERVER = "the federation API at http://127.0.0.1:16443 (context meridian)";

    private static KubernetesClientException wrapped(Throwable cause) {
        return new KubernetesClientException("An error has occurred.", new IOException("failed", cause));
    }

    private static KubernetesClientException answered(int code, String message) {
        Status status = new StatusBuilder().withCode(code).withMessage(message).build();
        return new KubernetesClientException(status);
    }

    @Test
    void aRefusedConnectionSaysWhatToCheck() {
        UserError e = ApiErrors.translate(wrapped(new ConnectException("Connection refused")), SERVER);
        assertThat(e.getMessage())
                .isEqualTo("cannot reach " + SERVER + ": connection refused; is it running? ('fedctl sandbox status'"
                        + " checks the local sandbox) Choose another with --kubeconfig or --context");
        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.getCause()).isInstanceOf(KubernetesClientException.class);
    }

    @Test
    void otherReasonsNotToReachIt() {
        assertThat(ApiErrors.translate(wrapped(new UnknownHostException("fed.example")), SERVER)
                        .getMessage())
                .contains(": unknown host fed.example;");
        assertThat(ApiErrors.translate(wrapped(new HttpConnectTimeoutException("x")), SERVER)
                        .getMessage())
                .contains(": the connection timed out;");
    }

    @Test
    void aSlowAnswerSuggestsALongerTimeout() {
        assertThat(ApiErrors.translate(wrapped(new HttpTimeoutException("request timed out")), SERVER)
                        .getMessage())
                .isEqualTo(SERVER + " did not answer in time; retry, or allow longer with --request-timeout");
    }

    @Test
    void theServersOwnMessageIsKept() {
        UserError e = ApiErrors.translate(
                answered(422, "Deployment.apps \"web\" is invalid: spec.replicas: must be at least 0"), SERVER);
        assertThat(e.getMessage()).isEqualTo("Deployment.apps \"web\" is invalid: spec.replicas: must be at least 0");
    }

    @Test
    void credentialsAndServerFailures() {
        assertThat(ApiErrors.translate(answered(401, "Unauthorized"), SERVER).getMessage())
                .isEqualTo(SERVER + " refused the credentials (401 Unauthorized); check the user of the context in"
                        + " your kubeconfig");
        assertThat(ApiErrors.translate(answered(403, "no"), SERVER).getMessage())
                .isEqualTo("forbidden by " + SERVER + ": no");
        assertThat(ApiErrors.translate(answered(503, "etcd is unavailable"), SERVER)
                        .getMessage())
                .startsWith(SERVER + " failed (HTTP 503): etcd is unavailable; retry shortly");
    }

    @Test
    void withoutAStatusTheFirstLineOfTheMessage() {
        KubernetesClientException e = new KubernetesClientException("Failure executing: GET\nmore detail", 404, null);
        assertThat(ApiErrors.message(e)).isEqualTo("Failure executing: GET");
    }
}
