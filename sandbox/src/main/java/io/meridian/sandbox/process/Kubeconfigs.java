package io.meridian.sandbox.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Kubeconfig files for Meridian's own (unauthenticated, loopback) API servers. */
public final class Kubeconfigs {

    private Kubeconfigs() {}

    /** A kubeconfig with one context {@code context} (namespace {@code default}) for {@code url}. */
    public static Path write(Path file, String context, String url) {
        Map<String, String> contexts = new LinkedHashMap<>();
        contexts.put(context, url);
        return write(file, contexts, context);
    }

    /** A kubeconfig with one context per entry of {@code contexts} (name → server URL). */
    public static Path write(Path file, Map<String, String> contexts, String current) {
        StringBuilder clusters = new StringBuilder();
        StringBuilder ctx = new StringBuilder();
        StringBuilder users = new StringBuilder();
        contexts.forEach((name, url) -> {
            clusters.append("- name: ")
                    .append(name)
                    .append("\n  cluster:\n    server: ")
                    .append(url)
                    .append('\n');
            ctx.append("- name: ")
                    .append(name)
                    .append("\n  context:\n    cluster: ")
                    .append(name)
                    .append("\n    user: ")
                    .append(name)
                    .append("\n    namespace: default\n");
            users.append("- name: ").append(name).append("\n  user: {}\n");
        });
        String yaml = "apiVersion: v1\nkind: Config\nclusters:\n" + clusters + "contexts:\n" + ctx + "current-context: "
                + current + "\nusers:\n" + users;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
