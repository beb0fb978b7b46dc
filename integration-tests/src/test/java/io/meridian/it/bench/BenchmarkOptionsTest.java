package io.meridian.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void defaultsAreTheDocumentedRun() {
        BenchmarkOptions o = BenchmarkOptions.parse();

        assertThat(o.clients()).isEqualTo(32);
        assertThat(o.listObjects()).isEqualTo(10_000);
        assertThat(o.watchers()).isEqualTo(1_000);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.phases()).containsExactlyInAnyOrder("throughput", "list", "watch");
        assertThat(o.serverJvm()).containsExactly("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
    }

    @Test
    void optionsOverrideDefaults() {
        BenchmarkOptions o = BenchmarkOptions.parse(
                "--warmup=500ms", "--duration=1.5s", "--watch-rate=2.5", "--phases=watch", "--server-jvm=-Xmx2g");

        assertThat(o.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.watchRate()).isEqualTo(2.5);
        assertThat(o.phases()).containsExactly("watch");
        assertThat(o.serverJvm()).isEqualTo(List.of("-Xmx2g"));
    }

    @Test
    void mistakesAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--watcher=5"))
                .hasMessageContaining("unknown option --watcher")
                .hasMessageContaining("--watchers=N");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--clients=0")).hasMessageContaining("positive integer");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--duration=ten")).hasMessageContaining("duration");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--phases=lists")).hasMessageContaining("unknown phase");
    }
}
