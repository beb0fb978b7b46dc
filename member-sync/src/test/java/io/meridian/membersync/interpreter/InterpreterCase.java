package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One case of the interpreter tables under {@code src/test/resources/interpreter/<kind>/}: a YAML
 * document with a {@code name}, an {@code operation}, the operation's inputs and what it must give
 * ({@code expect}). A file holds any number of cases as separate documents.
 *
 * <p>Inputs by operation: {@code object} (replicas, reviseReplicas with {@code replicas}, health,
 * reflectStatus, dependencies), {@code template} with {@code targets} (divideReplicas) or
 * {@code items} (aggregateStatus), {@code desired} and {@code observed} (retain).
 *
 * <p>The YAML is read with anchors and merge keys ({@code <<: *base}), timestamps as text and only
 * {@code true}/{@code false} as booleans, so {@code status: True} in a condition stays the string
 * Kubernetes uses.
 */
record InterpreterCase(String kindDirectory, String file, String name, String operation, JsonNode document) {

    static final Path ROOT = root();
    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode input(String field) {
        JsonNode value = document.get(field);
        if (value == null) {
            throw new IllegalStateException(this + ": missing '" + field + "'");
        }
        return value;
    }

    GenericKubernetesResource resource(String field) {
        return Trees.resource((ObjectNode) input(field));
    }

    JsonNode expect() {
        if (!document.has("expect")) {
            throw new IllegalStateException(this + ": missing 'expect'");
        }
        return document.get("expect");
    }

    @Override
    public String toString() {
        return kindDirectory + "/" + file + ": " + name;
    }

    static List<InterpreterCase> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<InterpreterCase> cases = new ArrayList<>();
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                cases.addAll(load(file));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<InterpreterCase> load(Path file) throws IOException {
        String kind = ROOT.relativize(file).getName(0).toString();
        List<InterpreterCase> cases = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object document : yaml().loadAll(in)) {
                if (document == null) {
                    continue;
                }
                if (!(document instanceof Map<?, ?>)) {
                    throw new IllegalStateException(file + ": a case must be a mapping");
                }
                JsonNode tree = JSON.valueToTree(document);
                String name = tree.path("name").asText();
                String operation = tree.path("operation").asText();
                if (name.isEmpty() || operation.isEmpty()) {
                    throw new IllegalStateException(file + ": every case needs a name and an operation: " + tree);
                }
                cases.add(new InterpreterCase(kind, file.getFileName().toString(), name, operation, tree));
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("no cases in " + file);
        }
        return cases;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(
                new SafeConstructor(options),
                new Representer(new DumperOptions()),
                new DumperOptions(),
                options,
                new KubernetesResolver());
    }

    /** YAML 1.1 as SnakeYAML reads it, minus timestamps and the yes/no/on/off/True/False booleans. */
    private static final class KubernetesResolver extends Resolver {

        private static final Pattern BOOLEAN = Pattern.compile("^(?:true|false)$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOLEAN, "tf");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    private static Path root() {
        try {
            return Path.of(InterpreterCase.class.getResource("/interpreter").toURI());
        } catch (Exception e) {
            throw new IllegalStateException("the interpreter test tables are missing from the test classpath", e);
        }
    }
}
