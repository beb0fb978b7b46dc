package io.meridian.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void percentilesAreNearestRankOverAllMergedParts() {
        Samples low = new Samples();
        Samples high = new Samples();
        for (int v = 100; v >= 51; v--) {
            high.add(v);
        }
        for (int v = 1; v <= 50; v++) {
            low.add(v);
        }

        Samples.Summary s = Samples.merge(List.of(high, low)).summary();

        assertThat(s.count()).isEqualTo(100);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p90()).isEqualTo(90);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(50.5);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Samples one = new Samples();
        one.add(7_000_000);

        Samples.Summary s = one.summary();

        assertThat(List.of(s.p50(), s.p99(), s.max())).containsOnly(7_000_000L);
        assertThat(s.p50p99()).isEqualTo("p50 7.00 ms  p99 7.00 ms");
    }

    @Test
    void noSamplesSummariseToZeroes() {
        assertThat(new Samples().summary().count()).isZero();
    }
}
