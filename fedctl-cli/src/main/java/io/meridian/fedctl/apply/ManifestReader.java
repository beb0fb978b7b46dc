package io.meridian.fedctl.apply;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.fedctl.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads manifests as {@code kubectl apply -f} does: files, directories (their {@code .yaml}, {@code
 * .yml} and {@code .json} files in name order, recursively on request) and {@code -} for standard
 * input; several documents per file; {@code List} kinds expanded. Every problem is one line that
 * says which file and line to fix.
 */
public final class ManifestReader {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();

    private ManifestReader() {}

    /**
     * The manifests of {@code sources}, in order.
     *
     * @param stdin standard input, read when a source is {@code -}
     */
    public static List<Manifest> read(List<String> sources, boolean recursive, Supplier<InputStream> stdin) {
        List<Manifest> manifests = new ArrayList<>();
        for (String source : sources) {
            if (source.equals("-")) {
                try {
                    String text = new String(stdin.get().readAllBytes(), StandardCharsets.UTF_8);
                    manifests.addAll(parse("<stdin>", text));
                } catch (IOException e) {
                    throw new UserError("cannot read standard input: " + e.getMessage());
                }
                continue;
            }
            Path path = Path.of(source);
            if (Files.isDirectory(path)) {
                List<Path> files = files(path, recursive);
                if (files.isEmpty()) {
                    throw new UserError(source + " holds no .yaml, .yml or .json file"
                            + (recursive ? "" : " (add -R to look in its subdirectories)"));
                }
                for (Path file : files) {
                    manifests.addAll(parse(file.toString(), readFile(file)));
                }
            } else if (Files.isRegularFile(path)) {
                manifests.addAll(parse(source, readFile(path)));
            } else {
                throw new UserError(source + ": no such file or directory");
            }
        }
        if (manifests.isEmpty()) {
            throw new UserError("no objects to apply in " + String.join(", ", sources));
        }
        return manifests;
    }

    /** The objects of one file's text; {@code name} is how messages call the file. */
    public static List<Manifest> parse(String name, String text) {
        List<Manifest> manifests = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            while (true) {
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (JsonProcessingException e) {
                    throw invalid(name, e);
                }
                if (token == null) {
                    break;
                }
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node;
                try {
                    node = YAML.readTree(parser);
                } catch (JsonProcessingException e) {
                    throw invalid(name, e);
                }
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                String where = name + ":" + line;
                if (!(node instanceof ObjectNode object)) {
                    throw new UserError(where + ": a manifest must be a mapping with apiVersion, kind and metadata");
                }
                expand(where, object, manifests);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return manifests;
    }

    private static void expand(String where, ObjectNode object, List<Manifest> into) {
        String kind = text(object, "kind");
        String apiVersion = text(object, "apiVersion");
        if (apiVersion == null) {
            throw new UserError(where + ": the manifest has no apiVersion (such as apps/v1)");
        }
        if (kind == null) {
            throw new UserError(where + ": the manifest has no kind (such as Deployment)");
        }
        if (kind.endsWith("List") && object.has("items")) {
            JsonNode items = object.get("items");
            if (!items.isArray()) {
                throw new UserError(where + ": the items of a " + kind + " must be a list");
            }
            for (JsonNode item : items) {
                if (!(item instanceof ObjectNode o)) {
                    throw new UserError(where + ": every item of a " + kind + " must be a mapping");
                }
                expand(where, o, into);
            }
            return;
        }
        JsonNode metadata = object.get("metadata");
        String name = metadata == null ? null : text(metadata, "name");
        if (name == null || name.isEmpty()) {
            throw new UserError(where + ": the " + kind + " has no metadata.name");
        }
        GenericKubernetesResource resource;
        try {
            resource = SERIALIZATION.convertValue(object, GenericKubernetesResource.class);
        } catch (IllegalArgumentException e) {
            throw new UserError(where + ": the " + kind + " " + name + " cannot be read: " + firstLine(e.getMessage()));
        }
        into.add(new Manifest(where, resource));
    }

    private static UserError invalid(String name, JsonProcessingException e) {
        Throwable cause = e;
        String problem = null;
        int line = -1;
        int column = -1;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
                problem = marked.getProblem();
                if (marked.getProblemMark() != null) {
                    line = marked.getProblemMark().getLine() + 1;
                    column = marked.getProblemMark().getColumn() + 1;
                }
                cause = t;
                break;
            }
        }
        if (line < 0) {
            JsonLocation location = e.getLocation();
            if (location != null) {
                line = location.getLineNr();
                column = location.getColumnNr();
            }
        }
        if (problem == null) {
            problem = firstLine(e.getOriginalMessage());
        }
        String at = line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "";
        UserError error = new UserError(name + at + ": not valid YAML: " + problem + "; fix the file and apply again");
        error.initCause(cause);
        return error;
    }

    private static List<Path> files(Path dir, boolean recursive) {
        try (Stream<Path> stream = recursive ? Files.walk(dir) : Files.list(dir)) {
            return stream.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
