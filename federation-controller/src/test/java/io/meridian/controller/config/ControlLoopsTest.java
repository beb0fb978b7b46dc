package io.meridian.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ControlLoopsTest {

    @Test
    void everyControllerCanBeSwitchedOffByName() {
        ControlLoops.validate(List.of("cluster-health", "detector", "scheduler", "renderer", "status", "push-sync"));
        assertThat(ControlLoops.NAMES)
                .containsExactly("cluster-health", "detector", "scheduler", "renderer", "status", "push-sync");
    }

    @Test
    void anUnknownControllerNameStopsTheApplicationAtStartUp() {
        new ApplicationContextRunner()
                .withUserConfiguration(ControllerConfiguration.class, PropertiesConfiguration.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        "meridian.controller.federation-api=http://127.0.0.1:1",
                        "meridian.controller.disabled=detector,schedular")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("[schedular]")
                        .hasMessageContaining("cluster-health, detector, scheduler, renderer, status, push-sync"));
        assertThatThrownBy(() -> ControlLoops.validate(List.of("renderer", "detectors")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[detectors]");
    }

    @EnableConfigurationProperties(ControllerProperties.class)
    static class PropertiesConfiguration {}
}
