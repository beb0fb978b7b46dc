package io.meridian.api.model.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesGoDurations() {
        assertThat(GoDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(GoDuration.parse("2us")).isEqualTo(Duration.ofNanos(2000));
        assertThat(GoDuration.parse("2µs")).isEqualTo(Duration.ofNanos(2000));
        assertThat(GoDuration.parse("0s")).isZero();
    }

    @Test
    void refusesWhatGoWouldRefuse() {
        for (String bad : new String[] {"", "10", "5 m", "m5", "1d", "-5m", "PT5M"}) {
            assertThatThrownBy(() -> GoDuration.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a duration");
        }
        assertThatThrownBy(() -> GoDuration.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsWhatItParses() {
        for (String text : new String[] {"0s", "45s", "5m", "1h30m", "2h5s"}) {
            assertThat(GoDuration.format(GoDuration.parse(text))).isEqualTo(text);
        }
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1500000000ns");
        assertThat(GoDuration.parse(GoDuration.format(Duration.ofMillis(1500)))).isEqualTo(Duration.ofMillis(1500));
    }
}
