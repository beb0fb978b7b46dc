package io.meridian.apiserver.openapi.nativegen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The upstream descriptions that fabric8 copies into the Javadoc of its model classes, read from
 * the {@code -sources.jar} files. fabric8's generator writes, for a field that refers to another
 * object type, the enclosing class's own description instead of the field's; such copies are
 * dropped so that an older upstream document can supply the real one.
 */
final class SourceDescriptions {

    private static final Pattern CLASS_DECLARATION = Pattern.compile("\\npublic (?:final |abstract )?class ");
    private static final Pattern GETTER_DOC = Pattern.compile(
            "/\\*\\*(.*?)\\*/\\s*((?:@[^\\n]*\\n\\s*)+)public [\\w.<>, ?]+ (?:get|is)\\w*\\(\\)", Pattern.DOTALL);
    private static final Pattern JSON_PROPERTY = Pattern.compile("@JsonProperty\\(\"([^\"]+)\"\\)");

    private record TypeDoc(String description, Map<String, String> fields) {}

    private final Map<String, TypeDoc> byClass = new HashMap<>();

    static SourceDescriptions none() {
        return new SourceDescriptions();
    }

    /** Reads every model source in the given jars. */
    static SourceDescriptions read(Iterable<Path> sourcesJars) throws IOException {
        SourceDescriptions docs = new SourceDescriptions();
        for (Path jar : sourcesJars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!name.endsWith(".java") || name.endsWith("Builder.java") || name.endsWith("Fluent.java")) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        String className = name.substring(0, name.length() - ".java".length())
                                .replace('/', '.');
                        docs.parse(className, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return docs;
    }

    private void parse(String className, String source) {
        String classDescription = null;
        Matcher declaration = CLASS_DECLARATION.matcher(source);
        if (declaration.find()) {
            int start = source.lastIndexOf("/**", declaration.start());
            int end = start < 0 ? -1 : source.indexOf("*/", start);
            if (end > 0 && end < declaration.start()) {
                classDescription = clean(source.substring(start + 3, end));
            }
        }
        Map<String, String> fields = new HashMap<>();
        Matcher getter = GETTER_DOC.matcher(source);
        while (getter.find()) {
            // The lazy match may start at an earlier comment; keep only the last one before the getter.
            String comment = getter.group(1);
            int nested = comment.lastIndexOf("/**");
            if (nested >= 0) {
                comment = comment.substring(nested + 3);
            }
            Matcher property = JSON_PROPERTY.matcher(getter.group(2));
            if (!property.find()) {
                continue;
            }
            String text = clean(comment);
            if (text.isEmpty() || text.equals(classDescription)) {
                continue;
            }
            fields.put(property.group(1), text);
        }
        byClass.put(className, new TypeDoc(classDescription, fields));
    }

    /** The description of a model class, or null. */
    String ofClass(Class<?> type) {
        TypeDoc doc = byClass.get(type.getName());
        return doc == null ? null : doc.description();
    }

    /** The description of one JSON property of a model class, or null when fabric8 has none of its own. */
    String ofField(Class<?> type, String jsonName) {
        TypeDoc doc = byClass.get(type.getName());
        return doc == null ? null : doc.fields().get(jsonName);
    }

    boolean isEmpty() {
        return byClass.isEmpty();
    }

    /** Undoes the Javadoc escaping: line prefixes, paragraph markup for blank lines, entities. */
    static String clean(String comment) {
        StringBuilder out = new StringBuilder();
        for (String line : comment.split("\n")) {
            String l = line.strip();
            if (l.startsWith("*")) {
                l = l.substring(1).strip();
            }
            if (l.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(l);
        }
        String text = out.toString()
                .replace("<br><p> ", "\n")
                .replace("<br><p>", "\n")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#42;", "*")
                .replace("&amp;", "&");
        if (text.equals("No args constructor for use in serialization")) {
            return "";
        }
        return text.strip();
    }
}
