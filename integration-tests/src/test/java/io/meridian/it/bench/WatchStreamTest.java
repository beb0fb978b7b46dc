package io.meridian.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchStreamTest {

    @Test
    void linesAreReassembledAcrossChunksAndSplitWithinThem() throws Exception {
        // One event split over two chunks, then two events in one chunk (with a chunk extension), then the end.
        String body = chunk("{\"type\":\"ADDED\",\"obj") + chunk("ect\":1}\n")
                + chunk("{\"type\":\"B\"}\n{\"type\":\"C\"}\n").replaceFirst("\r\n", ";ext=1\r\n")
                + "0\r\n\r\n";
        List<String> lines = new ArrayList<>();

        WatchStream.pump(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                (buf, from, to, nanos) -> lines.add(new String(buf, from, to - from, StandardCharsets.UTF_8)));

        assertThat(lines).containsExactly("{\"type\":\"ADDED\",\"object\":1}", "{\"type\":\"B\"}", "{\"type\":\"C\"}");
    }

    @Test
    void aStreamCutInsideAChunkIsAnError() {
        String body = "20\r\n{\"type\":\"ADDED\"";

        assertThatThrownBy(() -> WatchStream.pump(
                        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), (buf, from, to, nanos) -> {}))
                .isInstanceOf(EOFException.class);
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }
}
