package io.meridian.fedctl.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class WeightsTest {

    @Test
    void keepsTheOrderGiven() {
        Weights w = Weights.parse("us-east=2, eu-west=1,ap-south=1");
        assertThat(w.values())
                .containsExactly(
                        java.util.Map.entry("us-east", 2),
                        java.util.Map.entry("eu-west", 1),
                        java.util.Map.entry("ap-south", 1));
        assertThat(w).hasToString("us-east=2,eu-west=1,ap-south=1");
    }

    @Test
    void refusesWhatIsNotAWeight() {
        assertThatThrownBy(() -> Weights.parse("us-east"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'us-east' is not NAME=WEIGHT (try --weights us-east=2,eu-west=1)");
        assertThatThrownBy(() -> Weights.parse("us-east=two"))
                .hasMessage("the weight of 'us-east' must be a whole number, not 'two'");
        assertThatThrownBy(() -> Weights.parse("us-east=0")).hasMessage("the weight of 'us-east' must be at least 1");
        assertThatThrownBy(() -> Weights.parse("a=1,a=2")).hasMessage("'a' has two weights");
        assertThatThrownBy(() -> Weights.parse(",")).hasMessage("--weights needs at least one NAME=WEIGHT");
    }
}
