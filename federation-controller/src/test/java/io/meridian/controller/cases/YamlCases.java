package io.meridian.controller.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Table-driven test cases: every {@code *.yaml} file under one test resource directory holds a
 * {@code cases} list, each case with a {@code name}. Read with fabric8's serialization, so model
 * types (quantities, instants, enums) read as the API reads them.
 */
public final class YamlCases {

    public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private YamlCases() {}

    /** One argument set per case: a display name ({@code file: case}) and the case node. */
    public static Stream<Arguments> in(String directory) {
        URL url = YamlCases.class.getClassLoader().getResource(directory);
        if (url == null) {
            throw new IllegalStateException("no test resource directory " + directory);
        }
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode root;
                try (InputStream in = Files.newInputStream(file)) {
                    root = SERIALIZATION.unmarshal(in, JsonNode.class);
                }
                for (JsonNode c : root.path("cases")) {
                    cases.add(Arguments.of(
                            file.getFileName() + ": " + c.path("name").asText(), c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("no cases in " + directory);
        }
        return cases.stream();
    }

    /** {@code node} read as {@code type}; null for a missing node. */
    public static <T> T read(JsonNode node, Class<T> type) {
        return node == null || node.isMissingNode() || node.isNull() ? null : SERIALIZATION.convertValue(node, type);
    }
}
