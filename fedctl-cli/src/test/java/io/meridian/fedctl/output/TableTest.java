package io.meridian.fedctl.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    private static Table clusters() {
        return new Table("NAME", "REGION", "READY")
                .row("us-east", "us-east", new Table.Cell("True", Style.GOOD))
                .row("eu-west-long", "eu-west", new Table.Cell("False", Style.BAD));
    }

    @Test
    void alignsColumnsThreeSpacesApartWithoutTrailingBlanks() {
        assertThat(clusters().lines(Terminal.plain()))
                .containsExactly(
                        "NAME           REGION    READY",
                        "us-east        us-east   True",
                        "eu-west-long   eu-west   False");
    }

    @Test
    void colourDoesNotMoveTheColumns() {
        List<String> coloured = clusters().lines(Terminal.colourful());
        assertThat(coloured.get(1)).contains("\u001b[32mTrue\u001b[0m");
        assertThat(coloured.get(2)).contains("\u001b[31mFalse\u001b[0m");
        List<String> stripped = coloured.stream()
                .map(l -> l.replaceAll("\u001b\\[[0-9;]*m", ""))
                .toList();
        assertThat(stripped).isEqualTo(clusters().lines(Terminal.plain()));
    }

    @Test
    void plainOutputHasNoEscapes() {
        assertThat(String.join("\n", clusters().lines(Terminal.plain()))).doesNotContain("\u001b");
    }

    @Test
    void emptyCellsInTheMiddleKeepTheAlignment() {
        Table t = new Table("A", "B", "C").row("x", "", "z").row("", "yy", "");
        assertThat(t.lines(Terminal.plain())).containsExactly("A   B    C", "x        z", "    yy");
    }

    @Test
    void agesReadLikeKubectl() {
        assertThat(Ages.human(java.time.Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Ages.human(java.time.Duration.ofSeconds(200))).isEqualTo("3m20s");
        assertThat(Ages.human(java.time.Duration.ofMinutes(12))).isEqualTo("12m");
        assertThat(Ages.human(java.time.Duration.ofHours(5))).isEqualTo("5h");
        assertThat(Ages.human(java.time.Duration.ofDays(3))).isEqualTo("3d");
        assertThat(Ages.since("not a time", java.time.Instant.now())).isEqualTo("<unknown>");
    }

    @Test
    void quantitiesInTheUnitsPeopleRead() {
        assertThat(Quantities.cpu(new io.fabric8.kubernetes.api.model.Quantity("24")))
                .isEqualTo("24");
        assertThat(Quantities.cpu(new io.fabric8.kubernetes.api.model.Quantity("250m")))
                .isEqualTo("250m");
        assertThat(Quantities.memory(new io.fabric8.kubernetes.api.model.Quantity("103079215104")))
                .isEqualTo("96Gi");
        assertThat(Quantities.memory(null)).isEqualTo("-");
    }
}
