package io.meridian.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    @TempDir
    Path dir;

    @Test
    void aJarOnlyTouchedKeepsItsCacheAndARebuiltOneGetsAnother() throws IOException {
        Path jar = dir.resolve("app.jar");
        writeJar(jar, "one");
        Path first = AotCache.cacheDir(jar);
        assertThat(first.getParent()).isEqualTo(dir.resolve("aot"));
        assertThat(first.getFileName().toString()).startsWith("app-" + Files.size(jar) + "-");

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(AotCache.cacheDir(jar)).isEqualTo(first);

        // Same size, one byte of content different: the entry's CRC in the central directory differs.
        writeJar(jar, "two");
        assertThat(AotCache.cacheDir(jar)).isNotEqualTo(first);
    }

    @Test
    void itCanBeTurnedOff() {
        String before = System.getProperty("meridian.aot.cache");
        try {
            System.setProperty("meridian.aot.cache", "off");
            assertThat(AotCache.enabled()).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty("meridian.aot.cache");
            } else {
                System.setProperty("meridian.aot.cache", before);
            }
        }
    }

    private static void writeJar(Path jar, String content) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry = new ZipEntry("content.txt");
            entry.setTime(0);
            zip.putNextEntry(entry);
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
