package io.meridian.fedctl.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.fedctl.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryDocumentWithItsLine() {
        List<Manifest> manifests = ManifestReader.parse("app.yaml", """
                # a comment
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web-config, namespace: shop}
                ---
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {replicas: 3}
                """);
        assertThat(manifests)
                .extracting(Manifest::describe)
                .containsExactly("ConfigMap shop/web-config", "Deployment web");
        assertThat(manifests).extracting(Manifest::source).containsExactly("app.yaml:2", "app.yaml:7");
        assertThat(manifests.get(1).namespace()).isNull();
        assertThat(manifests.get(1).ref()).isEqualTo("deployment/web");
    }

    @Test
    void expandsLists() {
        List<Manifest> manifests = ManifestReader.parse("list.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}},
                  {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "b"}}]}
                """);
        assertThat(manifests).extracting(Manifest::ref).containsExactly("configmap/a", "secret/b");
    }

    @Test
    void badYamlNamesLineAndColumn() {
        assertThatThrownBy(() -> ManifestReader.parse("bad.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: a
                            labels: x
                        """))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("bad.yaml:5:")
                .hasMessageContaining("not valid YAML")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aManifestWithoutKindSaysWhatIsMissing() {
        assertThatThrownBy(() -> ManifestReader.parse("x.yaml", "apiVersion: v1\nmetadata: {name: a}\n"))
                .isInstanceOf(UserError.class)
                .hasMessage("x.yaml:1: the manifest has no kind (such as Deployment)");
        assertThatThrownBy(() -> ManifestReader.parse("x.yaml", "kind: Secret\nmetadata: {name: a}\n"))
                .hasMessage("x.yaml:1: the manifest has no apiVersion (such as apps/v1)");
        assertThatThrownBy(() -> ManifestReader.parse("x.yaml", "apiVersion: v1\nkind: Secret\n"))
                .hasMessage("x.yaml:1: the Secret has no metadata.name");
        assertThatThrownBy(() -> ManifestReader.parse("x.yaml", "- just\n- a list\n"))
                .hasMessage("x.yaml:1: a manifest must be a mapping with apiVersion, kind and metadata");
    }

    @Test
    void readsDirectoriesInNameOrderAndOnlyManifests() throws IOException {
        Files.writeString(dir.resolve("b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
        Files.writeString(
                dir.resolve("a.json"), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}");
        Files.writeString(dir.resolve("README.md"), "# not a manifest");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/c.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");

        assertThat(ManifestReader.read(List.of(dir.toString()), false, () -> null))
                .extracting(Manifest::name)
                .containsExactly("a", "b");
        assertThat(ManifestReader.read(List.of(dir.toString()), true, () -> null))
                .extracting(Manifest::name)
                .containsExactly("a", "b", "c");
    }

    @Test
    void readsStandardInput() {
        byte[] text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: piped}\n".getBytes(StandardCharsets.UTF_8);
        List<Manifest> manifests = ManifestReader.read(List.of("-"), false, () -> new ByteArrayInputStream(text));
        assertThat(manifests).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("piped");
            assertThat(m.source()).isEqualTo("<stdin>:1");
        });
    }

    @Test
    void anEmptyDirectoryOrFileIsRefused() throws IOException {
        assertThatThrownBy(() -> ManifestReader.read(List.of(dir.toString()), false, () -> null))
                .hasMessage(dir + " holds no .yaml, .yml or .json file (add -R to look in its subdirectories)");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing\n---\n");
        assertThatThrownBy(() -> ManifestReader.read(List.of(empty.toString()), false, () -> null))
                .hasMessage("no objects to apply in " + empty);
    }

    @Test
    void theExampleAppReads() {
        List<Manifest> manifests = ManifestReader.read(List.of("../examples/multi-region-app"), false, () -> null);
        assertThat(manifests)
                .extracting(Manifest::describe)
                .containsExactlyInAnyOrder(
                        "ConfigMap shop/web-config",
                        "Deployment shop/web",
                        "Namespace shop",
                        "OverridePolicy shop/web-eu-west",
                        "PropagationPolicy shop/web",
                        "Service shop/web");
    }
}
