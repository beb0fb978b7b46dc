package io.meridian.sandbox.apiserver;

import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An API server process for a test class, on the ring of an {@link EtcdRingExtension} registered
 * before it:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east", "eu-west", "ap-south");
 * @RegisterExtension @Order(2) static ApiServerExtension api = ApiServerExtension.on(etcd);
 * }</pre>
 */
public final class ApiServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final EtcdRingExtension etcd;
    private Consumer<ApiServerProcess.Builder> customizer = b -> {};
    private ApiServerProcess server;

    private ApiServerExtension(EtcdRingExtension etcd) {
        this.etcd = etcd;
    }

    public static ApiServerExtension on(EtcdRingExtension etcd) {
        return new ApiServerExtension(etcd);
    }

    public ApiServerExtension configure(Consumer<ApiServerProcess.Builder> customizer) {
        this.customizer = customizer;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ApiServerProcess.Builder b = ApiServerProcess.builder()
                .etcdEndpoints(etcd.endpoints())
                .name(context.getRequiredTestClass().getSimpleName())
                .logFile(Path.of(
                                "target",
                                "apiserver-logs",
                                context.getRequiredTestClass().getSimpleName() + ".log")
                        .toAbsolutePath());
        customizer.accept(b);
        server = b.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public ApiServerProcess server() {
        if (server == null) {
            throw new IllegalStateException("the API server starts before all tests of the class");
        }
        return server;
    }

    public String url() {
        return server().url();
    }
}
