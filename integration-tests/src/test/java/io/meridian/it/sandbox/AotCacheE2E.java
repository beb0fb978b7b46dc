package io.meridian.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.sandbox.apiserver.ApiServerProcess;
import io.meridian.sandbox.etcd.EtcdRingExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged API server as the sandbox and the suites start it: from its extracted layout, with
 * the JDK AOT cache made for this build of the jar, and still a whole API server.
 */
class AotCacheE2E {

    @RegisterExtension
    static EtcdRingExtension etcd = EtcdRingExtension.regions("us-east");

    @TempDir
    Path logs;

    @Test
    void anApiServerStartsFromTheExtractedJarWithTheAotCacheOfItsBuild() throws Exception {
        try (ApiServerProcess api = ApiServerProcess.builder()
                .etcdEndpoints(etcd.ring().endpoints())
                .logFile(logs.resolve("apiserver.log"))
                .start()) {
            List<String> args = ProcessHandle.of(api.pid())
                    .flatMap(p -> p.info().arguments())
                    .map(Arrays::asList)
                    .orElseThrow();
            Optional<Path> cache = args.stream()
                    .filter(a -> a.startsWith("-XX:AOTCache="))
                    .map(a -> Path.of(a.substring("-XX:AOTCache=".length())))
                    .findFirst();
            assertThat(cache).as("the AOT cache option in %s", args).isPresent();
            assertThat(cache.get()).isRegularFile();
            Path jar = Path.of(args.get(args.indexOf("-jar") + 1));
            assertThat(jar).isRegularFile().startsWith(cache.get().getParent());
            assertThat(Files.readString(api.logFile()))
                    .as("the JVM reports no trouble with the cache")
                    .doesNotContain("Unable to use AOT cache")
                    .doesNotContain("An error has occurred while processing the AOT cache");

            java.net.http.HttpResponse<String> version = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url() + "/version"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(version.statusCode()).isEqualTo(200);
            assertThat(version.body()).contains("gitVersion");
        }
    }
}
