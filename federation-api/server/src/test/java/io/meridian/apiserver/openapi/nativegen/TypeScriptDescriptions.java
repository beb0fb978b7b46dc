package io.meridian.apiserver.openapi.nativegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upstream descriptions as the npm packages {@code kubernetes-models} and {@code
 * @kubernetes-models/apimachinery} carry them in their TypeScript declarations (generated from a
 * recent upstream OpenAPI document). fabric8's Javadoc lacks the description of every field that
 * refers to another object type, and fields added since 1.14 have none in the old documents; these
 * fill that gap. Optional: without them such fields simply carry no description.
 */
final class TypeScriptDescriptions {

    private static final Pattern INTERFACE = Pattern.compile(
            "(?:/\\*\\*((?:(?!\\*/).)*)\\*/\\s*)?export interface I\\w+(?: extends [^{]*)? \\{(.*?)\\n\\}",
            Pattern.DOTALL);
    private static final Pattern FIELD =
            Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*\"([^\"]+)\"\\??: [^;]+;", Pattern.DOTALL);

    private record TypeDoc(String description, Map<String, String> fields) {}

    private final Map<String, TypeDoc> byDefinition = new HashMap<>();

    static TypeScriptDescriptions none() {
        return new TypeScriptDescriptions();
    }

    /** Reads the {@code package} directories of unpacked npm tarballs. */
    static TypeScriptDescriptions read(List<Path> packageDirs) throws IOException {
        TypeScriptDescriptions out = new TypeScriptDescriptions();
        for (Path dir : packageDirs) {
            try (var files = Files.walk(dir)) {
                for (Path file :
                        files.filter(p -> p.toString().endsWith(".d.ts")).toList()) {
                    String definition = definitionName(dir.relativize(file));
                    if (definition != null) {
                        out.parse(definition, Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }

    /** {@code apps/v1/Deployment.d.ts} → {@code io.k8s.api.apps.v1.Deployment}, and so on. */
    static String definitionName(Path relative) {
        int n = relative.getNameCount();
        if (n < 2) {
            return null;
        }
        String kind = relative.getFileName().toString().replace(".d.ts", "");
        String first = relative.getName(0).toString();
        if (n == 4 && first.equals("apis") && relative.getName(1).toString().equals("meta")) {
            return DefinitionNames.META + kind;
        }
        if (n == 2 && first.equals("v1")) {
            return DefinitionNames.CORE + kind;
        }
        if (n != 3 || first.startsWith("_")) {
            return null;
        }
        String version = relative.getName(1).toString();
        if (first.equals("apiextensions.k8s.io")) {
            return DefinitionNames.packageOf(DefinitionNames.APIEXTENSIONS + "X")
                            .replace(".v1", "." + version) + "." + kind;
        }
        return "io.k8s.api." + first.replace(".k8s.io", "") + "." + version + "." + kind;
    }

    private void parse(String definition, String source) {
        Matcher m = INTERFACE.matcher(source);
        if (!m.find()) {
            return;
        }
        Map<String, String> fields = new HashMap<>();
        Matcher f = FIELD.matcher(m.group(2));
        while (f.find()) {
            fields.put(f.group(2), clean(f.group(1)));
        }
        byDefinition.put(definition, new TypeDoc(m.group(1) == null ? null : clean(m.group(1)), fields));
    }

    String ofType(String definition) {
        TypeDoc doc = byDefinition.get(definition);
        return doc == null ? null : doc.description();
    }

    String ofField(String definition, String field) {
        TypeDoc doc = byDefinition.get(definition);
        return doc == null ? null : doc.fields().get(field);
    }

    /** Strips the comment's line prefixes; a blank comment line is a paragraph break upstream. */
    static String clean(String comment) {
        StringBuilder out = new StringBuilder();
        for (String line : comment.split("\n")) {
            String l = line.strip();
            if (l.startsWith("*")) {
                l = l.substring(1);
                if (l.startsWith(" ")) {
                    l = l.substring(1);
                }
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(l.stripTrailing());
        }
        // The declarations escape asterisks for their own comment syntax.
        String text = out.toString().replace("*\\/", "*/").replace("\\*", "*").strip();
        return text.isEmpty() ? null : text;
    }
}
