package io.meridian.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WatchPhaseTest {

    private static final byte[] EVENT =
            ("\"" + WatchPhase.EVENT_ANNOTATION + "\":\"").getBytes(StandardCharsets.US_ASCII);

    @Test
    void theEventNumberIsReadFromTheAnnotationInTheLine() {
        byte[] line = ("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"annotations\":{\"" + WatchPhase.EVENT_ANNOTATION
                        + "\":\"1234\",\"x\":\"y\"}}}}")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(WatchPhase.numberAfter(line, 0, line.length, EVENT)).isEqualTo(1234);
    }

    @Test
    void aLineWithoutTheAnnotationOrANumberGivesMinusOne() {
        byte[] without = "{\"type\":\"ADDED\",\"object\":{}}".getBytes(StandardCharsets.US_ASCII);
        byte[] notANumber = ("{\"" + WatchPhase.EVENT_ANNOTATION + "\":\"x1\"}").getBytes(StandardCharsets.US_ASCII);

        assertThat(WatchPhase.numberAfter(without, 0, without.length, EVENT)).isEqualTo(-1);
        assertThat(WatchPhase.numberAfter(notANumber, 0, notANumber.length, EVENT))
                .isEqualTo(-1);
    }
}
