package io.meridian.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meridian.apiserver.schema.SchemaNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Loads the hand-written OpenAPI fragment and the YAML cases under {@code apply/}. */
final class TestSchemas {

    static final YAMLMapper YAML = new YAMLMapper();

    private static final String PREFIX = "#/components/schemas/";
    private static final JsonNode SCHEMAS =
            read("apply/schemas.yaml").path("components").path("schemas");

    private TestSchemas() {}

    static SchemaNode schema(String name) {
        JsonNode raw = SCHEMAS.get(name);
        if (raw == null) {
            throw new IllegalArgumentException("no schema " + name + " in apply/schemas.yaml");
        }
        return SchemaNode.of(raw, ref -> ref.startsWith(PREFIX) ? SCHEMAS.get(ref.substring(PREFIX.length())) : null);
    }

    static JsonNode read(String resource) {
        try (InputStream in = TestSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The YAML files of a test resource directory, sorted by name. */
    static List<Path> files(String directory) {
        try {
            Path dir = Path.of(
                    TestSchemas.class.getClassLoader().getResource(directory).toURI());
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
